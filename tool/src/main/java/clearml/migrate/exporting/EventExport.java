package clearml.migrate.exporting;

import clearml.migrate.archive.ArchiveWriter;
import clearml.migrate.archive.EntryWriter;
import clearml.migrate.events.EventQuery;
import clearml.migrate.events.EventScroll;
import clearml.migrate.events.EventStore;
import clearml.migrate.events.EventType;
import clearml.migrate.events.ModelEvents;
import clearml.migrate.failures.StoreUnreachableException;
import clearml.migrate.links.LinkTally;
import clearml.migrate.progress.Progress;
import clearml.migrate.retry.Backoff;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Writes the events of many tasks and models into their own archive entries, several at once: each entity's
 * events are scrolled in index order ({@code _doc}, the cheapest full scan) and streamed into its own compressed
 * entry, so memory holds one scroll page per worker. Plots are scrolled apart in small pages because one plot can
 * weigh megabytes (data model §2.5); they are written decompressed, as ClearML exports them.
 *
 * <p>A task always gets an entry, {@code [\n]} when it has none (§3.3). A model gets one only when it has events: it
 * is named like a task's, {@code Task_<model id>_events.json}, which ClearML's importer never opens, since it looks
 * up entries by the ids of the tasks it imported (§5.6); our importer recognizes it by the model id.
 */
final class EventExport implements AutoCloseable {

    private static final Set<EventType> PLOTS = EnumSet.of(EventType.PLOT);
    private static final int COUNTED_AT_ONCE = 1000;
    /** Progress is told every this many events: often enough for a smooth bar, rarely enough to cost nothing. */
    private static final int REPORTED_EVERY = 256;
    private static final Set<EventType> NOT_PLOTS = EnumSet.complementOf(EnumSet.of(EventType.PLOT));

    private final EventStore store;
    private final ArchiveWriter writer;
    private final ExportLinks links;
    private final ArtifactReferences references;
    private final Progress progress;
    private final ExecutorService pool;
    private final List<Future<?>> pending = new ArrayList<>();
    private final AtomicLong taskEvents = new AtomicLong();
    private final AtomicLong modelEvents = new AtomicLong();
    private final PageSizes pages = new PageSizes();

    EventExport(EventStore store, ArchiveWriter writer, ExportLinks links, ArtifactReferences references, int workers,
                Progress progress) {
        this.store = store;
        this.writer = writer;
        this.links = links;
        this.references = references;
        this.progress = progress;
        this.pool = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "export-events");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Counts the events of these tasks and models into the progress's total, one count per company's indices and
     * thousand entities, so that progress moves by events.
     */
    void expect(List<SortedEntities.Key> tasks, List<SortedEntities.Key> models) {
        Map<String, List<String>> byCompany = new TreeMap<>();
        Stream.concat(tasks.stream(), models.stream()).forEach(key ->
                byCompany.computeIfAbsent(key.indexCompany(), company -> new ArrayList<>()).add(key.id()));
        byCompany.forEach((company, ids) -> {
            for (int from = 0; from < ids.size(); from += COUNTED_AT_ONCE) {
                List<String> some = ids.subList(from, Math.min(ids.size(), from + COUNTED_AT_ONCE));
                progress.expect(store.count(EventQuery.ofTasks(company, some).withModelEvents(ModelEvents.ANY)), 0);
            }
        });
    }

    /** Queues one task's events. */
    void task(String taskId, String indexCompany) {
        task(taskId, indexCompany, EventWindow.ALL);
    }

    /** Queues one task's events, only those of {@code window} (see {@link EventWindow}). */
    void task(String taskId, String indexCompany, EventWindow window) {
        pending.add(pool.submit(() -> copy(taskId, indexCompany, window, taskEvents, true)));
    }

    /** Queues one model's events. */
    void model(String modelId, String indexCompany) {
        model(modelId, indexCompany, EventWindow.ALL);
    }

    /** Queues one model's events, only those of {@code window}. */
    void model(String modelId, String indexCompany, EventWindow window) {
        pending.add(pool.submit(() -> copy(modelId, indexCompany, window, modelEvents, false)));
    }

    /** Waits for every queued copy; the first failure is rethrown as it was raised. */
    void await() {
        for (Future<?> future : pending) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while exporting events", e);
            } catch (ExecutionException e) {
                throw rethrown(e.getCause());
            }
        }
        pending.clear();
    }

    long taskEvents() {
        return taskEvents.get();
    }

    long modelEvents() {
        return modelEvents.get();
    }

    /** Stops the workers; after a failure elsewhere, waits briefly so none writes while the archive is cleaned up. */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Copies one entity's events into its entry. A scroll cannot be resumed, so when the engine goes away mid-way the
     * entry is dropped and the entity's events are read again from the start, with backoff, for as long as the
     * user's {@code --retry-for} allows.
     */
    private void copy(String id, String indexCompany, EventWindow window, AtomicLong counter, boolean alwaysEntry) {
        Backoff backoff = store.backoff();
        while (true) {
            LazyEntry entry = new LazyEntry(id);
            LinkTally entityLinks = new LinkTally(0);
            EventLines lines = new EventLines(links, references, entityLinks);
            try (lines) {
                if (alwaysEntry) {
                    entry.get();
                }
                EventQuery query = EventQuery.ofTasks(indexCompany, List.of(id)).withModelEvents(ModelEvents.ANY)
                        .withTimestampAfter(window.after()).withTimestampUntil(window.until());
                long count = copyEvents(query, entry, lines) + copyPlots(query, entry, lines);
                entry.close();
                lines.reportTo(progress);
                links.add(entityLinks);
                counter.addAndGet(count);
                return;
            } catch (StoreUnreachableException e) {
                entry.discard();
                lines.takeBackFrom(progress); // read again from the start
                if (!backoff.pause()) {
                    throw e;
                }
            } catch (RuntimeException e) {
                entry.discard();
                throw e;
            }
        }
    }

    /** The events of every type but plots, copied as tokens: the cheap path most events take. */
    private long copyEvents(EventQuery query, LazyEntry entry, EventLines lines) {
        long count = 0;
        long bytesBefore = lines.bytes();
        try (EventScroll scroll = store.scroll(query.withTypes(NOT_PLOTS), pages.events())) {
            while (scroll.nextSource(source -> lines.copy(source, entry))) {
                if (++count % REPORTED_EVERY == 0) {
                    lines.reportTo(progress);
                }
            }
        }
        pages.sawEvents(count, lines.bytes() - bytesBefore);
        return count;
    }

    /** Plots, scrolled apart in pages sized for them, as trees: they are the events that change on the way. */
    private long copyPlots(EventQuery query, LazyEntry entry, EventLines lines) {
        long count = 0;
        long bytesBefore = lines.bytes();
        try (EventScroll scroll = store.scroll(query.withTypes(PLOTS), pages.plots())) {
            while (scroll.hasNext()) {
                lines.write(scroll.next().source(), entry);
                lines.reportTo(progress); // a plot can weigh megabytes
                count++;
            }
        }
        pages.sawPlots(count, lines.bytes() - bytesBefore);
        return count;
    }

    /** Store failures are {@code MigrateException}s already; they reach the user as they were raised. */
    private static RuntimeException rethrown(Throwable cause) {
        return cause instanceof RuntimeException runtime ? runtime
                : new IllegalStateException("exporting events failed: " + cause, cause);
    }

    /** An events entry opened on first use, so that models without events get none. */
    private final class LazyEntry implements AutoCloseable, EventLines.Sink {
        private final String id;
        private @Nullable EntryWriter<ObjectNode> entry;

        LazyEntry(String id) {
            this.id = id;
        }

        @Override
        public void line(byte[] bytes, int offset, int length) {
            get().writeEncoded(bytes, offset, length);
        }

        EntryWriter<ObjectNode> get() {
            if (entry == null) {
                entry = writer.events(id);
            }
            return entry;
        }

        @Override
        public void close() {
            if (entry != null) {
                entry.close();
            }
        }

        void discard() {
            if (entry != null) {
                entry.discard();
                entry = null;
            }
        }
    }
}
