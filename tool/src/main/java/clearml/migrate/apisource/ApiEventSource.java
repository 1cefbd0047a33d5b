package clearml.migrate.apisource;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiJson;
import clearml.migrate.api.TaskEventPages;
import clearml.migrate.archive.EventTally;
import clearml.migrate.events.EventType;
import clearml.migrate.exporting.EntityKey;
import clearml.migrate.exporting.EventSource;
import clearml.migrate.exporting.EventWindow;
import clearml.migrate.retry.Backoff;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The API adapter's events: {@code events.get_task_events} ({@code model_events} for a model) once per event
 * type, each scrolled to its end, plots last and in small pages (one plot can weigh megabytes, data model §2.5).
 * Order: by type as {@link EventType} lists them, plots last; within a type as the server pages them, by
 * iteration. The events come as stored, so a compressed plot keeps its {@code plot_data} until the export
 * decompresses it. Thread-safe: each call pages on its own.
 */
final class ApiEventSource implements EventSource {

    /** Events per call; at most one page of trees per worker is in memory. */
    private static final int EVENTS_PAGE = 2000;
    private static final int PLOTS_PAGE = 10;
    private static final List<EventType> ORDER = List.of(EventType.LOG, EventType.TRAINING_STATS_SCALAR,
            EventType.TRAINING_STATS_VECTOR, EventType.TRAINING_DEBUG_IMAGE, EventType.PLOT);

    private final ApiClient client;

    ApiEventSource(ApiClient client) {
        this.client = client;
    }

    /** No call counts the events of many tasks at once; the export's progress then runs without a total. */
    @Override
    public long count(String indexCompany, List<String> ids) {
        return -1;
    }

    @Override
    public long copy(EntityKey key, boolean model, EventWindow window, Receiver receiver) {
        long count = 0;
        for (EventType type : ORDER) {
            ObjectNode query = ApiJson.object().put("task", key.id()).put("event_type", type.value())
                    .put("model_events", model).put("order", "asc");
            TaskEventPages pages = client.taskEvents(query, type == EventType.PLOT ? PLOTS_PAGE : EVENTS_PAGE);
            while (pages.hasNext()) {
                ObjectNode event = (ObjectNode) pages.next();
                if (window.holds(event.path("timestamp").asLong())) {
                    receiver.tree(event);
                    count++;
                }
            }
        }
        return count;
    }

    /** No call counts the events of many tasks at once; archives written through the API record no tallies. */
    @Override
    public Map<String, EventTally> tallies(String indexCompany, List<String> ids) {
        return Map.of();
    }

    /** Not asked: {@code export --since} is refused through the API (no tallies to compare with). */
    @Override
    public long countAfter(EntityKey key, long after) {
        throw new UnsupportedOperationException("counting events by time is not offered through the REST API");
    }

    @Override
    public Backoff backoff() {
        return client.backoff();
    }
}
