package clearml.migrate.events;

import clearml.migrate.failures.StoreRequestException;
import clearml.migrate.retry.Backoff;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes index and delete actions with {@code _bulk}, in requests of about {@link BulkOptions#maxRequestBytes()}
 * bytes, with up to {@link BulkOptions#concurrency()} requests in flight.
 *
 * <p>Order: actions on the same document must not be split across requests that may run at once; callers that
 * index and then delete one id should {@link #flush()} in between. Memory: the batch being filled plus the
 * requests in flight, in buffers the writer reuses (see {@link BulkBatch}). Actions the engine refuses with 429
 * are sent again after a pause; other refused actions are counted and the first of them kept in the
 * {@link BulkReport}, never thrown. A request that fails as a whole (unreachable engine, rejected request) is
 * thrown from the next call. {@link #index} and {@link #delete} may be
 * called from several threads at once (each action is serialized before it takes the batch's lock);
 * {@link #flush()} and {@link #close()} from one, once they are done. Not reusable after {@link #close()}, which
 * flushes.
 */
public final class BulkWriter implements Closeable {

    /** How many refused actions a report keeps with their reasons. */
    public static final int KEPT_FAILURES = 100;

    private static final int SLACK_BYTES = 64 * 1024;
    /** Requests larger than this (only when asked for) grow their buffers as they fill instead. */
    private static final int MAX_KEPT_BUFFER_BYTES = 64 << 20;

    private final ElasticClient client;
    private final BulkOptions options;
    private final ExecutorService senders;
    private final Semaphore inFlight;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    /** The requests in flight, each done once answered (a failure is kept in {@link #failure}). */
    private final Set<CompletableFuture<Void>> sending = ConcurrentHashMap.newKeySet();
    private final Counts counts = new Counts();
    /** Buffers of answered requests, for the next batches: at most one per request in flight and one filling. */
    private final Deque<byte[]> freeBuffers = new ConcurrentLinkedDeque<>();
    private BulkBatch batch;
    private boolean closed;

    BulkWriter(ElasticClient client, BulkOptions options) {
        this.client = client;
        this.options = options;
        // the first batch grows as it fills: a writer that is given a few actions, or none, takes no full buffer
        this.batch = new BulkBatch();
        this.inFlight = new Semaphore(options.concurrency());
        this.senders = Executors.newFixedThreadPool(options.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "bulk-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Adds an index action: the document is created, or overwritten when the id exists. */
    public void index(String index, String id, ObjectNode source) {
        add(BulkBatch.indexAction(index, id, source), index, id);
    }

    /** Adds an index action of a source given as the JSON bytes of one object. */
    public void index(String index, String id, byte[] source) {
        add(BulkBatch.indexAction(index, id, source), index, id);
    }

    /** Adds a delete action; deleting a missing document counts as {@link BulkReport#notFound()}. */
    public void delete(String index, String id) {
        add(BulkBatch.deleteAction(index, id), index, id);
    }

    /** Sends what is buffered and waits until every request has been answered. */
    public synchronized BulkReport flush() {
        requireOpen();
        rethrow();
        if (!batch.isEmpty()) {
            sendBatch();
        }
        awaitIdle();
        rethrow();
        return report();
    }

    /**
     * Sends what is buffered without waiting for it: the returned ticket's {@link Sent#await()} returns once every
     * request sent before it has been answered, while actions added after it keep the requests in flight. So a
     * caller can wait for one part of its actions without draining the writer.
     */
    public synchronized Sent send() {
        requireOpen();
        rethrow();
        if (!batch.isEmpty()) {
            sendBatch();
        }
        CompletableFuture<?> answered = CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new));
        return () -> {
            try {
                answered.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new InterruptedIOException("Interrupted while waiting for bulk requests"));
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause()); // the requests' futures never complete exceptionally
            }
            rethrow();
        };
    }

    /** What {@link #send()} returns. */
    @FunctionalInterface
    public interface Sent {
        /** Waits until the requests sent before the ticket are answered; throws a failed request's error. */
        void await();
    }

    /** What was done so far (requests still in flight are not counted yet). */
    public BulkReport report() {
        return counts.report();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            flush();
        } finally {
            closed = true;
            senders.shutdown();
        }
    }

    private synchronized void add(byte[] action, String index, String id) {
        requireOpen();
        rethrow();
        if (!batch.isEmpty() && batch.bytes() + action.length > options.maxRequestBytes()) {
            sendBatch();
        }
        batch.add(action, index, id);
    }

    private void sendBatch() {
        BulkBatch full = batch;
        acquire(1); // before a buffer is taken for the next batch, so that one is free unless a request failed
        batch = new BulkBatch(freeBuffer());
        CompletableFuture<Void> answered = new CompletableFuture<>();
        sending.add(answered);
        senders.execute(() -> {
            try {
                deliver(full, 1, client.backoff());
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            } finally {
                release(full.buffer());
                sending.remove(answered);
                answered.complete(null);
                inFlight.release();
            }
        });
    }

    private byte[] freeBuffer() {
        byte[] free = freeBuffers.poll();
        return free != null ? free : new byte[bufferBytes()];
    }

    /** Room for a full batch and a small action past it, so that a batch grows only for an action that large. */
    private int bufferBytes() {
        return (int) Math.min(options.maxRequestBytes() + SLACK_BYTES, MAX_KEPT_BUFFER_BYTES);
    }

    /** Keeps a buffer for a later batch, unless an action larger than a request grew it past that. */
    private void release(byte[] buffer) {
        if (buffer.length == bufferBytes() && freeBuffers.size() <= options.concurrency()) {
            freeBuffers.push(buffer);
        }
    }

    private void deliver(BulkBatch sent, int attempt, Backoff backoff) {
        counts.requests.incrementAndGet();
        JsonNode items = client.postNdjson(path(), sent.buffer(), (int) sent.bytes()).path("items");
        if (items.size() != sent.size()) {
            throw new StoreRequestException("Elasticsearch at " + client.currentHost() + " answered " + items.size()
                    + " results to a bulk of " + sent.size() + " actions — check the cluster's health");
        }
        BulkBatch refused = new BulkBatch();
        for (int i = 0; i < sent.size(); i++) {
            Map.Entry<String, JsonNode> item = items.get(i).fields().next(); // {"index": {...}} or {"delete": {...}}
            if (item.getValue().path("status").asInt() == 429 && attempt < options.maxItemAttempts()) {
                refused.addFrom(sent, i);
            } else {
                counts.record(item.getKey(), item.getValue(), sent.index(i), sent.id(i));
            }
        }
        if (!refused.isEmpty()) {
            counts.retried.addAndGet(refused.size());
            // out of patience: one last send, whose refusals are then counted as failures
            deliver(refused, backoff.pause() ? attempt + 1 : options.maxItemAttempts(), backoff);
        }
    }

    private String path() {
        // filter_path keeps the answer small: per item only what the counts need
        return "/_bulk?filter_path=items.*.status,items.*.error" + (options.refresh() ? "&refresh=true" : "");
    }

    private void awaitIdle() {
        acquire(options.concurrency());
        inFlight.release(options.concurrency());
    }

    private void acquire(int permits) {
        try {
            inFlight.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("Interrupted while waiting for bulk requests"));
        }
    }

    private void rethrow() {
        RuntimeException error = failure.getAndSet(null);
        if (error != null) {
            throw error;
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("BulkWriter is closed");
        }
    }

    /** Counters shared by the sender threads. */
    private static final class Counts {
        final AtomicLong indexed = new AtomicLong();
        final AtomicLong deleted = new AtomicLong();
        final AtomicLong notFound = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong requests = new AtomicLong();
        final AtomicLong retried = new AtomicLong();
        final List<BulkFailure> failures = new ArrayList<>();

        void record(String operation, JsonNode item, String index, String id) {
            int status = item.path("status").asInt();
            if (status >= 200 && status < 300) {
                (operation.equals("delete") ? deleted : indexed).incrementAndGet();
            } else if (operation.equals("delete") && status == 404) {
                notFound.incrementAndGet();
            } else {
                failed.incrementAndGet();
                keep(new BulkFailure(index, id, status, ElasticResponse.reasonOf(item)));
            }
        }

        synchronized void keep(BulkFailure failure) {
            if (failures.size() < KEPT_FAILURES) {
                failures.add(failure);
            }
        }

        synchronized BulkReport report() {
            return new BulkReport(indexed.get(), deleted.get(), notFound.get(), failed.get(), requests.get(),
                    retried.get(), failures);
        }
    }
}
