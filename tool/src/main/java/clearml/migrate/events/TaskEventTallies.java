package clearml.migrate.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per task (or model) the number of events and the newest {@code timestamp}, from one {@code terms} aggregation
 * with a {@code max} per thousand ids, over every event type of the company's indices. Entities without events are
 * absent.
 */
public final class TaskEventTallies {

    /** Ids per aggregation: one bucket each, far under the engines' 65 535 buckets. */
    private static final int IDS_PER_REQUEST = 1_000;

    /** Events of one entity. */
    public record Tally(long count, long maxTimestamp) {
    }

    private TaskEventTallies() {
    }

    public static Map<String, Tally> of(EventStore store, String company, List<String> ids) {
        Map<String, Tally> tallies = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_REQUEST) {
            List<String> some = ids.subList(from, Math.min(ids.size(), from + IDS_PER_REQUEST));
            read(store, EventQuery.ofTasks(company, some), some.size(), tallies);
        }
        return tallies;
    }

    private static void read(EventStore store, EventQuery query, int buckets, Map<String, Tally> into) {
        ObjectNode body = ElasticJson.MAPPER.createObjectNode().put("size", 0);
        body.set("query", query.toJson());
        ObjectNode terms = body.putObject("aggs").putObject("tasks");
        terms.putObject("terms").put("field", "task").put("size", buckets);
        terms.putObject("aggs").putObject("newest").putObject("max").put("field", "timestamp");
        JsonNode answer = store.client().post("/" + query.target() + "/_search?" + EventStore.LENIENT, body);
        for (JsonNode bucket : answer.path("aggregations").path("tasks").path("buckets")) {
            into.put(bucket.path("key").asText(), new Tally(bucket.path("doc_count").asLong(),
                    bucket.path("newest").path("value").asLong()));
        }
    }
}
