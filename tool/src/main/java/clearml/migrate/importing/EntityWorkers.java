package clearml.migrate.importing;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Runs one job per entity of a round on a few threads, each entity's job whole on one thread, so that its events
 * stay in their archived order (log event ids count positions). Preparing events is the import's own CPU work
 * (parse, normalise, statistics, id, serialize), and one thread of it was slower than the engine's bulk rate.
 * The first job that fails stops the others; its exception is rethrown as it was thrown.
 */
final class EntityWorkers {

    /** One per core, at most four: the engine usually shares the machine's cores. */
    static final int DEFAULT_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final int threads;

    EntityWorkers(int threads) {
        this.threads = threads;
    }

    <T> void forEach(List<T> items, Consumer<T> job) {
        forEach(items, job, () -> { });
    }

    /**
     * As {@link #forEach(List, Consumer)}, running {@code meanwhile} on the calling thread while the jobs run (the
     * previous round's documents go to MongoDB while this round's events are prepared); when it fails, the jobs
     * are stopped and its exception is thrown.
     */
    <T> void forEach(List<T> items, Consumer<T> job, Runnable meanwhile) {
        if (threads <= 1 || items.size() <= 1) {
            meanwhile.run();
            items.forEach(job);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()), runnable -> {
            Thread thread = new Thread(runnable, "import-events");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletionService<Void> done = new ExecutorCompletionService<>(pool);
            items.forEach(item -> done.submit(() -> job.accept(item), null));
            meanwhile.run();
            for (int i = 0; i < items.size(); i++) {
                await(done);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CompletionService<Void> done) {
        try {
            done.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while importing events"));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
