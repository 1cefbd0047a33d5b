package clearml.migrate.undo;

import clearml.migrate.events.BulkOptions;
import clearml.migrate.events.BulkReport;
import clearml.migrate.events.BulkWriter;
import clearml.migrate.events.ElasticRequest;
import clearml.migrate.events.ElasticResponse;
import clearml.migrate.events.EventIndexNames;
import clearml.migrate.events.EventStore;
import clearml.migrate.failures.StoreRequestException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The target's events as undo sees it: deletes and re-indexes go through one bulk writer with a single request in
 * flight, so actions on one id land in journal order; single events are read and written by id.
 */
final class EventTarget implements Closeable {

    private final EventStore events;
    private @Nullable BulkWriter bulk;

    EventTarget(EventStore events) {
        this.events = events;
    }

    void index(String index, String id, ObjectNode source) {
        bulk().index(index, id, source);
    }

    void delete(String index, String id) {
        bulk().delete(index, id);
    }

    /** Deletes every event of the tasks in the company's indices; pending bulk actions land first. */
    void deleteTaskEvents(String company, List<String> taskIds) {
        flush();
        events.deleteTaskEvents(company, taskIds);
    }

    /** The event's source, or null when there is none; pending bulk actions land first. */
    @Nullable ObjectNode find(String index, String id) {
        flush();
        ElasticRequest request = ElasticRequest.json("GET", path(index, id), null);
        ElasticResponse response = events.client().send(request);
        if (response.status() == 404) {
            return null;
        }
        if (!response.isSuccess()) {
            throw events.client().rejected(request, response);
        }
        return (ObjectNode) response.body().path("_source");
    }

    void flush() {
        if (bulk == null) {
            return;
        }
        BulkReport report = bulk.flush();
        if (report.hasFailures()) {
            throw new StoreRequestException("Elasticsearch at " + events.client().currentHost() + " refused "
                    + report.failed() + " event writes of the undo, first: " + report.failures().get(0)
                    + " — check the cluster's health and run undo again");
        }
    }

    @Override
    public void close() {
        flush();
        if (bulk != null) {
            bulk.close();
            events.refresh(EventIndexNames.ALL);
        }
    }

    private BulkWriter bulk() {
        if (bulk == null) {
            bulk = events.bulkWriter(BulkOptions.defaults().withConcurrency(1));
        }
        return bulk;
    }

    private static String path(String index, String id) {
        return "/" + URLEncoder.encode(index, StandardCharsets.UTF_8) + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
