package clearml.migrate.testing;

import clearml.migrate.events.BulkReport;
import clearml.migrate.events.BulkWriter;
import clearml.migrate.events.ElasticClient;
import clearml.migrate.events.ElasticSettings;
import clearml.migrate.events.EventIndexNames;
import clearml.migrate.events.EventStore;
import clearml.migrate.events.EventType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** What a live ClearML server does to a source between two passes of a {@code sync}, written straight to its stores. */
public final class LiveSource {

    /** The {@code metric_stats} key of log events: the MD5 of their empty metric (data model §1.4). */
    private static final String LOG_METRIC = "d41d8cd98f00b204e9800998ecf8427e";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveSource() {
    }

    /**
     * As a server's {@code events.add} would: {@code count} log events added to {@code task}, at iterations from
     * 1001, and the task's statistics moved with them (data model §5.6: {@code last_iteration} the greatest
     * iteration seen, the log type's {@code metric_stats} its newest timestamp, {@code last_update} and
     * {@code last_change} now).
     */
    public static void addLogs(String mongoUri, URI elastic, String company, String task, int count) {
        long now = System.currentTimeMillis();
        try (ElasticClient client = new ElasticClient(new ElasticSettings(List.of(elastic), null, null))) {
            EventStore events = new EventStore(client);
            try (BulkWriter writer = events.bulkWriter()) {
                for (int i = 1; i <= count; i++) {
                    writer.index(EventIndexNames.index(EventType.LOG, company),
                            UUID.randomUUID().toString().replace("-", ""), log(company, task, now + i, 1000 + i));
                }
                BulkReport report = writer.flush();
                if (!report.failures().isEmpty()) {
                    throw new IllegalStateException("log events not written: " + report.failures());
                }
            }
            events.refresh(EventIndexNames.allTypes(company));
        }
        String logStats = "metric_stats." + LOG_METRIC + ".";
        try (MongoClient mongo = MongoClients.create(mongoUri)) {
            mongo.getDatabase("backend").getCollection("task").updateOne(Filters.eq("_id", task), Updates.combine(
                    Updates.max("last_iteration", 1000 + count), Updates.set("last_update", new Date(now)),
                    Updates.set("last_change", new Date(now)), Updates.set(logStats + "metric", ""),
                    Updates.max(logStats + "event_stats_by_type.log.last_update", now + count)));
        }
    }

    private static ObjectNode log(String company, String task, long timestamp, int iteration) {
        return JSON.createObjectNode().put("task", task).put("type", "log").put("timestamp", timestamp)
                .put("iter", iteration).put("level", "info").put("msg", "added after the first pass " + iteration)
                .put("worker", "w").put("metric", "").put("variant", "").put("model_event", false)
                .put("company_id", company).put("@timestamp", Instant.ofEpochMilli(timestamp).toString());
    }
}
