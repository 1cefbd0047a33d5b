package clearml.migrate.exporting;

import clearml.migrate.archive.EntityKind;
import clearml.migrate.archive.EventTally;
import clearml.migrate.archive.SourceState;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@link SourceState} of what one archive selects through the source port: change stamps of the
 * documents, and event tallies (per index company) unless events are left out.
 */
final class SourceStates {

    private final ExportSource source;
    private final @Nullable EventSource events;
    /** Each task's and model's key, for the company whose indices hold its events. */
    private final Map<String, EntityKey> keys = new HashMap<>();

    SourceStates(ExportSource source, @Nullable EventSource events) {
        this.source = source;
        this.events = events;
    }

    SourceState read(List<EntityKey> projects, List<EntityKey> tasks, List<EntityKey> models) {
        Map<EntityKind, Map<String, String>> stamps = new EnumMap<>(EntityKind.class);
        stamps.put(EntityKind.PROJECT, source.changeStamps(EntityKind.PROJECT, ids(projects)));
        stamps.put(EntityKind.TASK, source.changeStamps(EntityKind.TASK, ids(tasks)));
        stamps.put(EntityKind.MODEL, source.changeStamps(EntityKind.MODEL, ids(models)));
        tasks.forEach(key -> keys.put(key.id(), key));
        models.forEach(key -> keys.put(key.id(), key));
        return new SourceState(stamps, events == null ? Map.of() : tallies(events));
    }

    /** Events of an entity later than {@code after} (epoch ms), counted now. */
    long newerThan(String id, long after) {
        EventSource source = events;
        EntityKey key = keys.get(id);
        return source == null || key == null ? 0 : source.countAfter(key, after);
    }

    private Map<String, EventTally> tallies(EventSource source) {
        Map<String, List<String>> byCompany = new TreeMap<>();
        keys.values().forEach(key -> byCompany.computeIfAbsent(key.indexCompany(), c -> new ArrayList<>())
                .add(key.id()));
        Map<String, EventTally> tallies = new HashMap<>();
        byCompany.forEach((company, ids) -> tallies.putAll(source.tallies(company, ids)));
        return tallies;
    }

    private static List<String> ids(List<EntityKey> keys) {
        return keys.stream().map(EntityKey::id).toList();
    }
}
