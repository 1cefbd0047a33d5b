package clearml.migrate.archive;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What makes an archive a delta: the archive it applies on top of, the entities the source no longer holds (or
 * that left the selection), and, per task or model whose events it carries, whether they are added to the base's
 * or replace them. An entity of the delta without an entry in {@code events} keeps the events it has.
 *
 * @param baseId the {@code archive_id} of the base archive
 * @param baseFile the base archive's file name, for messages
 * @param deleted ids per kind gone since the base
 * @param events the way each carried events entry applies
 */
public record DeltaInfo(String baseId, String baseFile, Map<EntityKind, List<String>> deleted,
        Map<String, EventsChange> events) {

    public DeltaInfo {
        Map<EntityKind, List<String>> copy = new EnumMap<>(EntityKind.class);
        deleted.forEach((kind, ids) -> copy.put(kind, List.copyOf(ids)));
        deleted = Map.copyOf(copy);
        events = Map.copyOf(events);
    }

    public List<String> deleted(EntityKind kind) {
        return deleted.getOrDefault(kind, List.of());
    }

    public long deletedCount() {
        return deleted.values().stream().mapToLong(List::size).sum();
    }

    /**
     * How one entity's events entry applies.
     *
     * @param append true: the entry holds only the events added since the base, after the base's {@code offset}
     *     events; false: the entry holds all the entity's events, which replace the stored ones
     * @param offset the base's event count, where an appended entry's positions start (log event ids depend on them)
     */
    public record EventsChange(boolean append, long offset) {

        public static final EventsChange REPLACE = new EventsChange(false, 0);

        public static EventsChange appendAfter(long offset) {
            return new EventsChange(true, offset);
        }
    }
}
