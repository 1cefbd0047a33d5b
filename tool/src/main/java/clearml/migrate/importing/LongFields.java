package clearml.migrate.importing;

import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The task fields ClearML declares as 64-bit ({@code LongField}, data model §1.4): artifact {@code content_size}
 * and {@code timestamp}, and {@code metric_stats.*.event_stats_by_type.*.last_update}. Archives write every number
 * plainly (§3.5), so a small value reads back as a 32-bit int; mongoengine's {@code to_mongo} stores these fields as
 * 64-bit again, and so do we.
 */
final class LongFields {

    private LongFields() {
    }

    /** Widens the 64-bit fields of a task, in place. */
    static Document widenTask(Document task) {
        if (task.get("execution") instanceof Map<?, ?> execution && execution.get("artifacts") instanceof Map<?, ?> artifacts) {
            artifacts.values().forEach(artifact -> widen(artifact, List.of("content_size", "timestamp")));
        }
        if (task.get("metric_stats") instanceof Map<?, ?> stats) {
            for (Object metric : stats.values()) {
                if (metric instanceof Map<?, ?> m && m.get("event_stats_by_type") instanceof Map<?, ?> byType) {
                    byType.values().forEach(typeStats -> widen(typeStats, List.of("last_update")));
                }
            }
        }
        return task;
    }

    @SuppressWarnings("unchecked")
    private static void widen(Object holder, List<String> fields) {
        if (holder instanceof Map<?, ?> map) {
            for (String field : fields) {
                if (map.get(field) instanceof Integer value) {
                    ((Map<String, Object>) map).put(field, value.longValue());
                }
            }
        }
    }
}
