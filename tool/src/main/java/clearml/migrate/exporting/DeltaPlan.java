package clearml.migrate.exporting;

import clearml.migrate.archive.DeltaInfo.EventsChange;
import clearml.migrate.archive.DeltaInfo;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.archive.EventTally;
import clearml.migrate.archive.SourceState;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongBiFunction;
import org.jspecify.annotations.Nullable;

/**
 * What {@code export --since} writes, decided from the base's {@link SourceState} and the source's now: an entity
 * is written when it is new, its change stamp moved, or its events' tally changed; ids of the base missing now are
 * deleted. A written task's or model's events are appended when the only change is events newer than the base's
 * newest (its count now is the base's count plus those), else all its events replace the stored ones, which catches
 * events changed, deleted or added with older timestamps; equal tallies carry no events entry. For a target that
 * rewrites a changed entity whole (through the REST API, which cannot append to what it already holds), every
 * written task and model carries all its events instead ({@code whole}).
 */
final class DeltaPlan {

    private final SourceState base;
    private final SourceState now;
    /** Events of an entity later than a timestamp, counted at the source now. */
    private final ToLongBiFunction<String, Long> newerThan;
    private final Map<EntityKind, Set<String>> written = new EnumMap<>(EntityKind.class);
    private final Map<String, EventsChange> events = new LinkedHashMap<>();

    DeltaPlan(SourceState base, SourceState now, ToLongBiFunction<String, Long> newerThan) {
        this(base, now, newerThan, false);
    }

    DeltaPlan(SourceState base, SourceState now, ToLongBiFunction<String, Long> newerThan, boolean whole) {
        this.base = base;
        this.now = now;
        this.newerThan = newerThan;
        for (EntityKind kind : EntityKind.values()) {
            written.put(kind, changed(kind));
        }
        if (whole) {
            written.get(EntityKind.TASK).forEach(id -> events.put(id, EventsChange.REPLACE));
            written.get(EntityKind.MODEL).stream().filter(id -> now.events().containsKey(id)
                    || base.events().containsKey(id)).forEach(id -> events.put(id, EventsChange.REPLACE));
        }
    }

    /** Whether the delta writes this entity. */
    boolean writes(EntityKind kind, String id) {
        return written.get(kind).contains(id);
    }

    /** How the entity's events go into the delta: null for no events entry. */
    @Nullable EventsChange events(String id) {
        return events.get(id);
    }

    /** For appended events, the base's newest timestamp: only later events go into the delta. */
    @Nullable Long appendAfter(String id) {
        EventsChange change = events.get(id);
        EventTally before = base.events().get(id);
        return change != null && change.append() && before != null ? before.maxTimestamp() : null;
    }

    /** Entities whose events entry is appended, and those whose entry replaces the stored events. */
    long appended() {
        return events.values().stream().filter(EventsChange::append).count();
    }

    long replaced() {
        return events.size() - appended();
    }

    DeltaInfo info(String baseId, String baseFile) {
        Map<EntityKind, List<String>> deleted = new EnumMap<>(EntityKind.class);
        for (EntityKind kind : EntityKind.values()) {
            List<String> gone = new ArrayList<>(base.stamps(kind).keySet());
            gone.removeAll(now.stamps(kind).keySet());
            deleted.put(kind, gone);
        }
        return new DeltaInfo(baseId, baseFile, deleted, events);
    }

    private Set<String> changed(EntityKind kind) {
        Set<String> changed = new HashSet<>();
        Map<String, String> before = base.stamps(kind);
        now.stamps(kind).forEach((id, stamp) -> {
            boolean entityChanged = !stamp.equals(before.get(id));
            EventsChange change = kind == EntityKind.PROJECT ? null : eventsChange(id);
            if (change != null) {
                events.put(id, change);
            }
            if (entityChanged || change != null) {
                changed.add(id);
            }
        });
        return changed;
    }

    private @Nullable EventsChange eventsChange(String id) {
        EventTally before = base.events().get(id);
        EventTally after = now.events().get(id);
        if (after == null || before == null) {
            return after == before ? null : EventsChange.REPLACE; // all new, or all gone
        }
        if (after.equals(before)) {
            return null;
        }
        long newer = newerThan.applyAsLong(id, before.maxTimestamp());
        return newer > 0 && after.count() == before.count() + newer
                ? EventsChange.appendAfter(before.count()) : EventsChange.REPLACE;
    }
}
