package clearml.migrate.files;

import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * How often and how patiently {@link HttpFileStore} repeats a request that failed on the way (connection refused
 * or reset, timeout) or that the server answered with a 5xx status.
 *
 * @param attempts   tries in all, at least 1
 * @param firstDelay the pause before the second try; each later pause doubles
 * @param timeout    how long one request may wait for the response headers, and a download for its next bytes
 */
public record RetryPolicy(int attempts, Duration firstDelay, Duration timeout) {

    public RetryPolicy {
        if (attempts < 1 || firstDelay.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("attempts must be >= 1 and durations positive");
        }
    }

    /** Four tries, 0.5 s, 1 s and 2 s apart, 60 s per request: rides out a file-server restart. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(60));
    }

    /** The pause before try number {@code attempt} (2 and up). */
    Duration delayBefore(int attempt) {
        return firstDelay.multipliedBy(1L << Math.min(attempt - 2, 20));
    }

    /** Sleeps {@link #delayBefore} try number {@code attempt}. */
    void pauseBefore(int attempt) throws InterruptedIOException {
        try {
            Thread.sleep(delayBefore(attempt).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }
}
