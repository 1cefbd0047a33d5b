package clearml.migrate.exporting;

import clearml.migrate.archive.EventTally;
import clearml.migrate.events.EventQuery;
import clearml.migrate.events.EventScroll;
import clearml.migrate.events.EventStore;
import clearml.migrate.events.EventType;
import clearml.migrate.events.ModelEvents;
import clearml.migrate.events.TaskEventTallies;
import clearml.migrate.retry.Backoff;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The direct adapter's events: one scroll per entity over its index company's indices, in index order
 * ({@code _doc}, the cheapest full scan), every type but plots first; then its plots, scrolled apart in pages sized
 * for them (one plot can weigh megabytes, data model §2.5). Each hit's {@code _source} is handed over as the bytes
 * the engine sent. Page sizes follow the bytes seen so far ({@link PageSizes}). Thread-safe.
 */
final class StoreEventSource implements EventSource {

    private static final Set<EventType> PLOTS = EnumSet.of(EventType.PLOT);
    private static final Set<EventType> NOT_PLOTS = EnumSet.complementOf(EnumSet.of(EventType.PLOT));

    private final EventStore store;
    private final PageSizes pages = new PageSizes();

    StoreEventSource(EventStore store) {
        this.store = store;
    }

    @Override
    public long count(String indexCompany, List<String> ids) {
        return store.count(EventQuery.ofTasks(indexCompany, ids).withModelEvents(ModelEvents.ANY));
    }

    /** A task's and a model's events are read alike: the query takes model events too (§2.6). */
    @Override
    public long copy(EntityKey key, boolean model, EventWindow window, Receiver receiver) {
        EventQuery query = query(key).withTimestampAfter(window.after()).withTimestampUntil(window.until());
        return copyEvents(query, receiver) + copyPlots(query, receiver);
    }

    /** One aggregation per thousand ids ({@link TaskEventTallies}). */
    @Override
    public Map<String, EventTally> tallies(String indexCompany, List<String> ids) {
        Map<String, EventTally> tallies = new HashMap<>();
        TaskEventTallies.of(store, indexCompany, ids).forEach((id, tally) ->
                tallies.put(id, new EventTally(tally.count(), tally.maxTimestamp())));
        return tallies;
    }

    @Override
    public long countAfter(EntityKey key, long after) {
        return store.count(query(key).withTimestampAfter(after));
    }

    @Override
    public Backoff backoff() {
        return store.backoff();
    }

    private static EventQuery query(EntityKey key) {
        return EventQuery.ofTasks(key.indexCompany(), List.of(key.id())).withModelEvents(ModelEvents.ANY);
    }

    /** The events of every type but plots, copied as tokens: the cheap path most events take. */
    private long copyEvents(EventQuery query, Receiver receiver) {
        long count = 0;
        long bytesBefore = receiver.bytes();
        try (EventScroll scroll = store.scroll(query.withTypes(NOT_PLOTS), pages.events())) {
            while (scroll.nextSource(receiver::stored)) {
                count++;
            }
        }
        pages.sawEvents(count, receiver.bytes() - bytesBefore);
        return count;
    }

    /** Plots, in pages sized for them; copied as the rest, a compressed one made a tree on the way. */
    private long copyPlots(EventQuery query, Receiver receiver) {
        long count = 0;
        long bytesBefore = receiver.bytes();
        try (EventScroll scroll = store.scroll(query.withTypes(PLOTS), pages.plots())) {
            while (scroll.nextSource(receiver::stored)) {
                count++;
            }
        }
        pages.sawPlots(count, receiver.bytes() - bytesBefore);
        return count;
    }
}
