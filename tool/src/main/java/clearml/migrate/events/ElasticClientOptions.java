package clearml.migrate.events;

import java.time.Duration;

/**
 * Timeouts and retry bounds of an {@link ElasticClient}.
 *
 * @param connectTimeout how long to wait for a TCP connection to one host
 * @param requestTimeout how long to wait for a whole answer (bulk and delete-by-query can take minutes)
 * @param maxAttempts how many times one request is sent at most when the answer is transient (≥1)
 * @param firstBackoff the wait before the first retry; it doubles per retry, with jitter
 * @param maxBackoff the longest wait between two attempts
 */
public record ElasticClientOptions(
        Duration connectTimeout, Duration requestTimeout, int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

    public ElasticClientOptions {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /** 10 s to connect, 5 min per request, 6 attempts with waits of 0.5 s doubling up to 30 s. */
    public static ElasticClientOptions defaults() {
        return new ElasticClientOptions(
                Duration.ofSeconds(10), Duration.ofMinutes(5), 6, Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /** These options with other retry waits (tests use milliseconds). */
    public ElasticClientOptions withBackoff(Duration first, Duration max) {
        return new ElasticClientOptions(connectTimeout, requestTimeout, maxAttempts, first, max);
    }

    /** These options with another request timeout. */
    public ElasticClientOptions withRequestTimeout(Duration timeout) {
        return new ElasticClientOptions(connectTimeout, timeout, maxAttempts, firstBackoff, maxBackoff);
    }
}
