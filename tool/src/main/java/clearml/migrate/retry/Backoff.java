package clearml.migrate.retry;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits between the attempts of one operation: the n-th wait is drawn from the upper half of
 * {@code min(longest, first × 2^(n-1))}, so that clients refused together do not return together, and no wait starts
 * that would end after {@code patience} has passed since the first failure. One instance per operation; not
 * thread-safe.
 */
public final class Backoff {

    private final long firstMillis;
    private final long longestMillis;
    private final Duration patience;
    private final long patienceNanos;
    private long startNanos = -1;
    private int waits;

    /**
     * @param first    the wait before the first retry; it doubles per retry
     * @param longest  the longest wait between two attempts
     * @param patience how long after the first failure a retry may still start; zero never retries
     */
    public Backoff(Duration first, Duration longest, Duration patience) {
        this.firstMillis = Math.max(1, first.toMillis());
        this.longestMillis = Math.max(firstMillis, longest.toMillis());
        this.patience = patience;
        this.patienceNanos = patience.toNanos();
    }

    /**
     * Waits before the next attempt. Returns false at once, without waiting, when that attempt would start after the
     * patience ran out: the caller then gives up with the failure it has.
     */
    public boolean pause() {
        return pause(Duration.ZERO);
    }

    /**
     * Waits as {@link #pause()} does, but at least {@code atLeast}: the {@code Retry-After} a server asked for. A
     * server that asks for longer than the patience leaves gets no retry.
     */
    public boolean pause(Duration atLeast) {
        long now = System.nanoTime();
        if (startNanos < 0) {
            startNanos = now;
        }
        long ceiling = Math.min(longestMillis, firstMillis << Math.min(waits, 20));
        long wait = Math.max(atLeast.toMillis(), ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
        if (now - startNanos + wait * 1_000_000L > patienceNanos) {
            return false;
        }
        waits++;
        sleep(wait);
        return true;
    }

    /** The patience as a user reads it: {@code 2 s}, {@code 2 min}, {@code 500 ms}. */
    public String patience() {
        if (patience.toMillis() % 60_000 == 0 && !patience.isZero()) {
            return patience.toMinutes() + " min";
        }
        return patience.toMillis() % 1000 == 0 ? patience.toSeconds() + " s" : patience.toMillis() + " ms";
    }

    /**
     * The end of the one-line failure of an operation given up on, after "X stopped answering and ": how long it
     * was retried, and that a rerun is safe.
     */
    public String gaveUp() {
        return "was still away after retrying for " + patience() + " (--retry-for); once it is back, run the same "
                + "command again: it carries on without duplicating anything";
    }

    /** How many waits were made so far. */
    public int waits() {
        return waits;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("Interrupted while waiting to retry"));
        }
    }
}
