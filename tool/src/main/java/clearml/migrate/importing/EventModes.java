package clearml.migrate.importing;

import clearml.migrate.archive.DeltaInfo.EventsChange;
import clearml.migrate.archive.DeltaInfo;
import org.jspecify.annotations.Nullable;

/**
 * How each entity's archived events meet the stored ones. A full archive replaces them all (data model §5.7).
 * A delta replaces those its metadata marks {@code replace}, appends those marked {@code append} after the base's
 * events (log event ids count positions from the base's count, so they never meet the base's), and leaves the
 * events of its other entities alone. Only replaced events are folded into statistics: an appended entry holds part
 * of a series, and the archived document carries the source server's statistics of the whole.
 */
final class EventModes {

    private final @Nullable DeltaInfo delta;

    EventModes(@Nullable DeltaInfo delta) {
        this.delta = delta;
    }

    /** Whether the entity's stored events are deleted before its archived ones are written. */
    boolean replaces(String archivedId) {
        return delta == null || EventsChange.REPLACE.equals(change(archivedId));
    }

    /** Whether the entity's archived events are written: replaced or appended. */
    boolean writesEvents(String archivedId) {
        return delta == null || change(archivedId) != null;
    }

    /** The position of the entity's first archived event among all its events. */
    long firstPosition(String archivedId) {
        EventsChange change = change(archivedId);
        return change == null ? 0 : change.offset();
    }

    /** Whether the entity's statistics are computed from its archived events. */
    boolean foldsStatistics(String archivedId) {
        return replaces(archivedId);
    }

    private @Nullable EventsChange change(String archivedId) {
        return delta == null ? null : delta.events().get(archivedId);
    }
}
