package clearml.migrate.moving;

import clearml.migrate.events.EventIndex;
import clearml.migrate.events.EventIndexNames;
import clearml.migrate.events.EventQuery;
import clearml.migrate.events.EventStore;
import clearml.migrate.events.EventType;
import clearml.migrate.events.RemoteCluster;
import clearml.migrate.events.RemoteReindex;
import clearml.migrate.links.EngineRewrite;
import clearml.migrate.links.LinkTally;
import clearml.migrate.moving.EventMoveReport.TypeMove;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Moves the events of some tasks and models from one search engine to another (the use case behind
 * {@code --events-via}; {@link EventMoveRequest} says what changes). The target's events of those ids are deleted
 * first, as an import does (data model §5.7), so a move run again ends in the same state. Then the source's
 * indices are cut into {@link Slice}s of a type and a group of ids, each moved by the target engine
 * ({@link ReindexSlice}) or streamed ({@link StreamSlice}), several at once.
 */
public final class EventMover {

    /** Ids per delete and count request, well under the engines' 65 536 terms. */
    private static final int IDS_PER_REQUEST = 10_000;
    /** At most this many ids per slice: a remote reindex is one scroll at the source, so smaller slices spread. */
    private static final int MAX_SLICE_IDS = 1_000;

    private final EventStore source;
    private final EventStore target;
    private final int parallelism;

    public EventMover(EventStore source, EventStore target) {
        this(source, target, 4);
    }

    /** A mover running up to {@code parallelism} slices at once. */
    public EventMover(EventStore source, EventStore target, int parallelism) {
        this.source = source;
        this.target = target;
        this.parallelism = parallelism;
    }

    public EventMoveReport move(EventMoveRequest request) {
        RemoteCluster remote = RemoteCluster.of(source.client());
        boolean sameCluster = remote.host().equals(target.client().currentHost());
        RemoteReindex reindex = new RemoteReindex(target.client());
        EventRoute route = RouteChoice.choose(request.via(), reindex, remote, sameCluster);
        List<EventType> types = sourceTypes(request.sourceCompany());
        Map<EventType, Long> atSource = count(source, request.sourceCompany(), request.entityIds(), types);
        long replaced = deleteAtTarget(request);
        types.forEach(type -> target.prepareIndex(type, request.targetCompany()));
        List<SliceResult> results = runAll(slices(request, types), request, route, reindex,
                sameCluster ? null : remote);
        target.refresh(EventIndexNames.allTypes(request.targetCompany()));
        Map<EventType, Long> atTarget = count(target, request.targetCompany(), request.entityIds(), types);
        return report(route, types, atSource, atTarget, replaced, results);
    }

    /**
     * Those of {@code ids} whose events the target may not hold ({@link GroupEventCounts#differs}), or that
     * {@code moved} says move regardless. A rerun then moves only what an interrupted run left out; events edited
     * in place at the source without a change of count are not noticed (a {@code sync} pass marks them moved).
     */
    public List<String> outOfPlace(String sourceCompany, String targetCompany, List<String> ids,
            Predicate<String> moved) {
        target.refresh(EventIndexNames.allTypes(targetCompany));
        List<EventType> types = List.of(EventType.values());
        List<String> out = new ArrayList<>();
        for (List<String> group : groups(ids, MAX_SLICE_IDS)) {
            GroupEventCounts atSource = new GroupEventCounts(source.countByTask(sourceCompany, group),
                    count(source, sourceCompany, group, types));
            GroupEventCounts atTarget = new GroupEventCounts(target.countByTask(targetCompany, group),
                    count(target, targetCompany, group, types));
            group.stream().filter(id -> moved.test(id) || atSource.differs(atTarget, id)).forEach(out::add);
        }
        return out;
    }

    private List<EventType> sourceTypes(String company) {
        String lower = company.toLowerCase(Locale.ROOT);
        return source.eventIndices().stream().filter(index -> index.company().equals(lower))
                .map(EventIndex::type).distinct().toList();
    }

    private static Map<EventType, Long> count(EventStore store, String company, List<String> ids, List<EventType> types) {
        Map<EventType, Long> counts = new EnumMap<>(EventType.class);
        for (EventType type : types) {
            long total = 0;
            for (List<String> group : groups(ids, IDS_PER_REQUEST)) {
                total += store.count(EventQuery.ofTasks(company, group).withTypes(Set.of(type)));
            }
            counts.put(type, total);
        }
        return counts;
    }

    private long deleteAtTarget(EventMoveRequest request) {
        long deleted = 0;
        for (List<String> group : groups(request.entityIds(), IDS_PER_REQUEST)) {
            deleted += target.deleteTaskEvents(request.targetCompany(), group);
        }
        return deleted;
    }

    private List<Slice> slices(EventMoveRequest request, List<EventType> types) {
        int size = Math.max(1, Math.min(MAX_SLICE_IDS, ceilDiv(request.entityIds().size(), parallelism)));
        List<Slice> slices = new ArrayList<>();
        for (EventType type : types) {
            String targetIndex = EventIndexNames.index(type, request.targetCompany());
            groups(request.entityIds(), size).forEach(group ->
                    slices.add(new Slice(type, request.sourceCompany(), targetIndex, group)));
        }
        return slices;
    }

    private List<SliceResult> runAll(List<Slice> slices, EventMoveRequest request, EventRoute route,
            RemoteReindex reindex, @Nullable RemoteCluster remote) {
        EngineRewrite engine = new EngineRewrite(request.urlMap());
        ObjectNode script = engine.script(target.client().mapper(), request.targetCompany());
        EventChanges changes = new EventChanges(request.targetCompany(), request.urlMap());
        List<Callable<SliceResult>> jobs = new ArrayList<>();
        for (Slice slice : slices) {
            boolean inEngine = route.via() == EventsVia.REINDEX && engine.rewritesInEngine(slice.type());
            jobs.add(inEngine ? () -> ReindexSlice.run(slice, reindex, remote, script)
                    : () -> StreamSlice.run(slice, source, target, changes));
        }
        return invokeAll(jobs);
    }

    private List<SliceResult> invokeAll(List<Callable<SliceResult>> jobs) {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, "event-move");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<SliceResult> results = new ArrayList<>();
            for (Future<SliceResult> future : pool.invokeAll(jobs)) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while moving events", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static EventMoveReport report(EventRoute route, List<EventType> types, Map<EventType, Long> atSource,
            Map<EventType, Long> atTarget, long replaced, List<SliceResult> results) {
        LinkTally links = new LinkTally(0);
        List<String> failures = new ArrayList<>();
        Map<EventType, Long> written = new EnumMap<>(EventType.class);
        Map<EventType, EventsVia> via = new EnumMap<>(EventType.class);
        for (SliceResult result : results) {
            links.addAll(result.links());
            failures.addAll(result.failures());
            written.merge(result.type(), result.written(), Long::sum);
            via.put(result.type(), result.via());
        }
        List<TypeMove> rows = types.stream().map(type -> new TypeMove(type, via.getOrDefault(type, route.via()),
                atSource.get(type), written.getOrDefault(type, 0L), atTarget.get(type))).toList();
        return new EventMoveReport(route, rows, replaced, links.counts(), failures.subList(0, Math.min(5, failures.size())));
    }

    private static List<List<String>> groups(List<String> ids, int size) {
        List<List<String>> groups = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += size) {
            groups.add(ids.subList(from, Math.min(ids.size(), from + size)));
        }
        return groups;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
