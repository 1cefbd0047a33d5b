package clearml.migrate.importing;

import clearml.migrate.archive.ArchiveContent;
import clearml.migrate.archive.ArchiveLineage;
import clearml.migrate.archive.DeltaInfo.EventsChange;
import clearml.migrate.archive.DeltaInfo;
import org.jspecify.annotations.Nullable;

/**
 * How each entity's archived events meet the stored ones. A full archive replaces them all (data model §5.7).
 * A delta replaces those its metadata marks {@code replace}, appends those marked {@code append} after the base's
 * events (log event ids count positions from the base's count, so they never meet the base's), and leaves the
 * events of its other entities alone. Only replaced events are folded into statistics: an appended entry holds part
 * of a series, and the archived document carries the source server's statistics of the whole. Events moved apart
 * ({@link #LEFT_ALONE}) are not touched at all.
 */
final class EventModes {

    /**
     * Events moved by someone else ({@link ImportSteps#movesEvents()}): the import neither deletes nor writes any, and the
     * documents keep the statistics they came with, as those of an archive without events entries.
     */
    static final EventModes LEFT_ALONE = new EventModes(null, true);

    private final @Nullable DeltaInfo delta;
    private final boolean leftAlone;

    EventModes(@Nullable DeltaInfo delta) {
        this(delta, false);
    }

    /** The modes of {@code content}: a delta's as its metadata marks them, a full archive's all replaced. */
    static EventModes of(ArchiveContent content) {
        return new EventModes(content.metadata().flatMap(ArchiveLineage::of).map(ArchiveLineage::delta)
                .orElse(null));
    }

    private EventModes(@Nullable DeltaInfo delta, boolean leftAlone) {
        this.delta = delta;
        this.leftAlone = leftAlone;
    }

    /** Whether the entity's stored events are deleted before its archived ones are written. */
    boolean replaces(String archivedId) {
        return !leftAlone && (delta == null || EventsChange.REPLACE.equals(change(archivedId)));
    }

    /** Whether the entity's archived events are written: replaced or appended. */
    boolean writesEvents(String archivedId) {
        return !leftAlone && (delta == null || change(archivedId) != null);
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
