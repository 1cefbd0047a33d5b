package clearml.migrate.exporting;

import clearml.migrate.archive.ArchiveWriter;
import clearml.migrate.archive.EntryWriter;
import clearml.migrate.events.EventType;
import clearml.migrate.failures.StoreUnreachableException;
import clearml.migrate.links.LinkTally;
import clearml.migrate.progress.Progress;
import clearml.migrate.retry.Backoff;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * events come from the {@link EventSource} in its order and are streamed into its own compressed entry, so memory
 * holds one page per worker. Plots are written decompressed, as ClearML exports them (data model §2.5).
 *
 * <p>A task always gets an entry, {@code [\n]} when it has none (§3.3). A model gets one only when it has events: it
 * is named like a task's, {@code Task_<model id>_events.json}, which ClearML's importer never opens, since it looks
 * up entries by the ids of the tasks it imported (§5.6); our importer recognizes it by the model id.
 */
final class EventExport implements AutoCloseable {

    private static final int COUNTED_AT_ONCE = 1000;
    /** Progress is told every this many events: often enough for a smooth bar, rarely enough to cost nothing. */
    private static final int REPORTED_EVERY = 256;
    /** An event this large is told at once. */
    private static final int LARGE_EVENT_BYTES = 64 * 1024;

    private final EventSource source;
    private final ArchiveWriter writer;
    private final ExportLinks links;
    private final ArtifactReferences references;
    private final Progress progress;
    private final ExecutorService pool;
    private final List<Future<?>> pending = new ArrayList<>();
    private final AtomicLong taskEvents = new AtomicLong();
    private final AtomicLong modelEvents = new AtomicLong();

    EventExport(EventSource source, ArchiveWriter writer, ExportLinks links, ArtifactReferences references, int workers,
                Progress progress) {
        this.source = source;
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
    void expect(List<EntityKey> tasks, List<EntityKey> models) {
        Map<String, List<String>> byCompany = new TreeMap<>();
        Stream.concat(tasks.stream(), models.stream()).forEach(key ->
                byCompany.computeIfAbsent(key.indexCompany(), company -> new ArrayList<>()).add(key.id()));
        byCompany.forEach((company, ids) -> {
            for (int from = 0; from < ids.size(); from += COUNTED_AT_ONCE) {
                List<String> some = ids.subList(from, Math.min(ids.size(), from + COUNTED_AT_ONCE));
                long count = source.count(company, some);
                if (count < 0) {
                    return; // the source cannot count: the phase runs without a total
                }
                progress.expect(count, 0);
            }
        });
    }

    /** Queues one task's events, only those of {@code window} (see {@link EventWindow}). */
    void task(EntityKey task, EventWindow window) {
        pending.add(pool.submit(() -> copy(task, window, taskEvents, true)));
    }

    /** Queues one model's events, only those of {@code window}. */
    void model(EntityKey model, EventWindow window) {
        pending.add(pool.submit(() -> copy(model, window, modelEvents, false)));
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
    private void copy(EntityKey key, EventWindow window, AtomicLong counter, boolean task) {
        Backoff backoff = source.backoff();
        while (true) {
            LazyEntry entry = new LazyEntry(key.id());
            LinkTally entityLinks = new LinkTally(0);
            EventLines lines = new EventLines(links, references, entityLinks);
            try (lines) {
                if (task) {
                    entry.get();
                }
                long count = source.copy(key, !task, window, new Receiver(lines, entry));
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

    /** Store failures are {@code MigrateException}s already; they reach the user as they were raised. */
    private static RuntimeException rethrown(Throwable cause) {
        return cause instanceof RuntimeException runtime ? runtime
                : new IllegalStateException("exporting events failed: " + cause, cause);
    }

    /** One entity's events into its entry; the progress is told every {@value #REPORTED_EVERY} events and each large one. */
    private final class Receiver implements EventSource.Receiver {
        private final EventLines lines;
        private final LazyEntry entry;
        private long count;

        Receiver(EventLines lines, LazyEntry entry) {
            this.lines = lines;
            this.entry = entry;
        }

        @Override
        public void stored(byte[] source, int offset, int length) throws IOException {
            lines.copy(source, offset, length, entry);
            counted(length >= LARGE_EVENT_BYTES); // a plot can weigh megabytes
        }

        @Override
        public void tree(ObjectNode event) {
            lines.write(event, entry);
            counted(EventType.PLOT.value().equals(event.path("type").asText())); // a plot can weigh megabytes
        }

        @Override
        public long bytes() {
            return lines.bytes();
        }

        private void counted(boolean now) {
            if (++count % REPORTED_EVERY == 0 || now) {
                lines.reportTo(progress);
            }
        }
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
