package clearml.migrate.moving;

import clearml.migrate.events.EventType;
import java.util.Map;

/**
 * The events one end holds for a group of tasks and models: per task and type from one aggregation, and per type for
 * the whole group from counts. The aggregation misses an index whose {@code task} field is not a keyword (legacy
 * {@code training_stats_vector} events have no template, data model §2.2, so the engine maps the field as text);
 * a type whose aggregated counts do not add up to its count at either end is compared for the group as a whole.
 *
 * @param byTask events per task and type, as aggregated
 * @param byType events per type of the whole group, as counted
 */
record EventTally(Map<String, Map<EventType, Long>> byTask, Map<EventType, Long> byType) {

    /** Whether the two ends may hold different events of {@code id}: some type's count differs. */
    boolean differs(EventTally other, String id) {
        for (EventType type : byType.keySet()) {
            boolean same = aggregates(type) && other.aggregates(type)
                    ? of(id, type) == other.of(id, type)
                    : byType.get(type).equals(other.byType.getOrDefault(type, 0L));
            if (!same) {
                return true;
            }
        }
        return false;
    }

    private long of(String id, EventType type) {
        return byTask.getOrDefault(id, Map.of()).getOrDefault(type, 0L);
    }

    private boolean aggregates(EventType type) {
        long aggregated = byTask.values().stream().mapToLong(types -> types.getOrDefault(type, 0L)).sum();
        return aggregated == byType.get(type);
    }
}
