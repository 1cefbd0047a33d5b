package clearml.migrate.moving;

import clearml.migrate.events.EventType;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The events one end holds for a group of tasks and models: per task and type from one aggregation, and per type for
 * the whole group from counts. The aggregation misses an index whose {@code task} field is not a keyword (legacy
 * {@code training_stats_vector} events have no template, data model §2.2, so the engine maps the field as text);
 * a type whose aggregated counts do not add up to its count at either end is compared for the group as a whole.
 * (Not {@code archive.EventTally}, an archived task's count and newest timestamp.)
 */
final class GroupEventCounts {

    private final Map<String, Map<EventType, Long>> byTask;
    private final Map<EventType, Long> byType;
    /** The types whose aggregation accounts for every event counted, worked out once per group, not per id. */
    private final Set<EventType> aggregated = EnumSet.noneOf(EventType.class);

    /**
     * @param byTask events per task and type, as aggregated
     * @param byType events per type of the whole group, as counted
     */
    GroupEventCounts(Map<String, Map<EventType, Long>> byTask, Map<EventType, Long> byType) {
        this.byTask = byTask;
        this.byType = byType;
        byType.forEach((type, count) -> {
            if (byTask.values().stream().mapToLong(types -> types.getOrDefault(type, 0L)).sum() == count) {
                aggregated.add(type);
            }
        });
    }

    /** Whether the two ends may hold different events of {@code id}: some type's count differs. */
    boolean differs(GroupEventCounts other, String id) {
        for (EventType type : byType.keySet()) {
            boolean same = aggregated.contains(type) && other.aggregated.contains(type)
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
}
