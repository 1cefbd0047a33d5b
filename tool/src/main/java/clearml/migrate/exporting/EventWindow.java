package clearml.migrate.exporting;

import org.jspecify.annotations.Nullable;

/**
 * Which of an entity's events go into its entry, by {@code timestamp} (epoch ms): later than {@code after} (a
 * delta's appended events), and none later than {@code until}, the newest timestamp the archive's state recorded
 * for the entity. The bound keeps an entry and the state it is checked against alike: an event stored during the
 * export but not yet searchable when the state was read goes into the next delta, not into this archive unrecorded.
 *
 * @param after exclusive lower bound, or null
 * @param until inclusive upper bound, or null (an entity without events in the state)
 */
public record EventWindow(@Nullable Long after, @Nullable Long until) {

    static final EventWindow ALL = new EventWindow(null, null);

    /** Whether an event of this timestamp belongs in the entry, for a source that cannot filter by time itself. */
    public boolean holds(long timestamp) {
        return (after == null || timestamp > after) && (until == null || timestamp <= until);
    }
}
