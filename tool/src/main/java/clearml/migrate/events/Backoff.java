package clearml.migrate.events;

import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential waits with jitter between attempts of one request: the n-th wait is drawn from the upper half of
 * {@code min(maxBackoff, firstBackoff × 2^(n-1))}, so that clients refused together do not return together.
 */
final class Backoff {

    private final ElasticClientOptions options;
    private int attempts = 1;

    Backoff(ElasticClientOptions options) {
        this.options = options;
    }

    /** Whether another attempt is allowed after the ones made so far. */
    boolean hasNext() {
        return attempts < options.maxAttempts();
    }

    /** Waits before the next attempt and counts it. */
    void pause() {
        long ceiling = Math.min(options.maxBackoff().toMillis(),
                options.firstBackoff().toMillis() << Math.min(attempts - 1, 20));
        attempts++;
        long wait = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("Interrupted while waiting to retry"));
        }
    }
}
