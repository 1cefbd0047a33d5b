package clearml.migrate.exporting;

import clearml.migrate.archive.EntityKind;
import clearml.migrate.archive.EventTally;
import clearml.migrate.archive.SourceState;
import clearml.migrate.events.EventQuery;
import clearml.migrate.events.EventStore;
import clearml.migrate.events.ModelEvents;
import clearml.migrate.events.TaskEventTallies;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.Collections;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@link SourceState} of what one archive selects: change stamps from MongoDB, event tallies (one
 * aggregation per company and thousand ids) from the event store unless events are left out.
 */
final class SourceStates {

    private final ClearmlMongo mongo;
    private final @Nullable EventStore events;
    /** The company whose indices hold each task's and model's events. */
    private final Map<String, String> indexCompany = new HashMap<>();

    SourceStates(ClearmlMongo mongo, @Nullable EventStore events) {
        this.mongo = mongo;
        this.events = events;
    }

    SourceState read(List<SortedEntities.Key> projects, List<SortedEntities.Key> tasks,
            List<SortedEntities.Key> models) {
        Map<EntityKind, Map<String, String>> stamps = new EnumMap<>(EntityKind.class);
        stamps.put(EntityKind.PROJECT, ChangeStamps.read(mongo, Collections.PROJECT, ids(projects)));
        stamps.put(EntityKind.TASK, ChangeStamps.read(mongo, Collections.TASK, ids(tasks)));
        stamps.put(EntityKind.MODEL, ChangeStamps.read(mongo, Collections.MODEL, ids(models)));
        tasks.forEach(key -> indexCompany.put(key.id(), key.indexCompany()));
        models.forEach(key -> indexCompany.put(key.id(), key.indexCompany()));
        return new SourceState(stamps, events == null ? Map.of() : tallies(events));
    }

    /** Events of an entity later than {@code after} (epoch ms), counted now. */
    long newerThan(String id, long after) {
        EventStore store = events;
        return store == null ? 0 : store.count(EventQuery.ofTasks(indexCompany.getOrDefault(id, ""), List.of(id))
                .withModelEvents(ModelEvents.ANY).withTimestampAfter(after));
    }

    private Map<String, EventTally> tallies(EventStore store) {
        Map<String, List<String>> byCompany = new TreeMap<>();
        indexCompany.forEach((id, company) -> byCompany.computeIfAbsent(company, c -> new ArrayList<>()).add(id));
        Map<String, EventTally> tallies = new HashMap<>();
        byCompany.forEach((company, ids) -> TaskEventTallies.of(store, company, ids).forEach((id, tally) ->
                tallies.put(id, new EventTally(tally.count(), tally.maxTimestamp()))));
        return tallies;
    }

    private static List<String> ids(List<SortedEntities.Key> keys) {
        return keys.stream().map(SortedEntities.Key::id).toList();
    }
}
