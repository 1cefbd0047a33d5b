package clearml.migrate.events;

import clearml.migrate.retry.Patience;
import java.time.Duration;

/**
 * Timeouts and retry waits of an {@link ElasticClient}; how long it keeps retrying is the user's
 * {@link ElasticSettings#retryFor()}.
 *
 * @param connectTimeout how long to wait for a TCP connection to one host
 * @param requestTimeout how long to wait for a whole answer (bulk and delete-by-query can take minutes)
 * @param firstBackoff the wait before the first retry; it doubles per retry, with jitter
 * @param maxBackoff the longest wait between two attempts
 */
public record ElasticClientOptions(
        Duration connectTimeout, Duration requestTimeout, Duration firstBackoff, Duration maxBackoff) {

    /** 10 s to connect, 5 min per request, waits of 0.5 s doubling up to 15 s. */
    public static ElasticClientOptions defaults() {
        return new ElasticClientOptions(Duration.ofSeconds(10), Duration.ofMinutes(5), Patience.FIRST_WAIT,
                Patience.LONGEST_WAIT);
    }

    /** These options with other retry waits (tests use milliseconds). */
    public ElasticClientOptions withBackoff(Duration first, Duration max) {
        return new ElasticClientOptions(connectTimeout, requestTimeout, first, max);
    }

    /** These options with another request timeout. */
    public ElasticClientOptions withRequestTimeout(Duration timeout) {
        return new ElasticClientOptions(connectTimeout, timeout, firstBackoff, maxBackoff);
    }
}
