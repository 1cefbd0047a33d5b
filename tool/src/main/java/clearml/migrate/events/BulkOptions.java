package clearml.migrate.events;

import clearml.migrate.memory.MemoryBudget;

/**
 * How a {@link BulkWriter} batches and sends.
 *
 * @param maxRequestBytes the size of one {@code _bulk} body at which it is sent (an action larger than this goes
 *     alone)
 * @param concurrency how many {@code _bulk} requests may be in flight at once; with the one being filled, the
 *     writer holds at most {@code (concurrency + 1) * maxRequestBytes} of actions (plus one action larger than that)
 * @param maxItemAttempts how many times an action the engine rejected with 429 is sent at most
 * @param refresh whether each request waits for a refresh ({@code refresh=true}, as ClearML does); off by default,
 *     callers refresh once at the end
 */
public record BulkOptions(long maxRequestBytes, int concurrency, int maxItemAttempts, boolean refresh) {

    public BulkOptions {
        if (maxRequestBytes < 1 || concurrency < 1 || maxItemAttempts < 1) {
            throw new IllegalArgumentException("Bulk sizes must be positive: " + maxRequestBytes + " bytes, "
                    + concurrency + " in flight, " + maxItemAttempts + " attempts");
        }
    }

    /**
     * Requests of 5 MiB (less on a heap under 160 MiB: 1/32 of it, at least 256 KiB, so that the batch being filled
     * and those in flight, each held twice while sent, stay under a fifth of the heap), 2 in flight, 5 attempts per
     * rejected action, no refresh.
     */
    public static BulkOptions defaults() {
        return new BulkOptions(MemoryBudget.share(32, 256 * 1024, 5L * 1024 * 1024), 2, 5, false);
    }

    public BulkOptions withMaxRequestBytes(long bytes) {
        return new BulkOptions(bytes, concurrency, maxItemAttempts, refresh);
    }

    public BulkOptions withConcurrency(int requests) {
        return new BulkOptions(maxRequestBytes, requests, maxItemAttempts, refresh);
    }

    public BulkOptions withRefresh(boolean refreshEachRequest) {
        return new BulkOptions(maxRequestBytes, concurrency, maxItemAttempts, refreshEachRequest);
    }
}
