package clearml.migrate.api;

import clearml.migrate.retry.Patience;
import java.time.Duration;

/**
 * Timeouts and retry waits of an {@link ApiClient}; how long it keeps retrying is the user's
 * {@link ApiSettings#retryFor()}.
 *
 * @param connectTimeout how long to wait for a TCP connection
 * @param requestTimeout how long to wait for a whole answer (a batch of 50 000 events took the real server 8 s)
 * @param firstBackoff the wait before the first retry; it doubles per retry, with jitter
 * @param maxBackoff the longest wait between two attempts
 * @param loginMargin how long before its token expires the client logs in again
 */
public record ApiClientOptions(Duration connectTimeout, Duration requestTimeout, Duration firstBackoff,
        Duration maxBackoff, Duration loginMargin) {

    /** 10 s to connect, 5 min per answer, waits of 0.5 s doubling up to 15 s, a new login 1 min before expiry. */
    public static ApiClientOptions defaults() {
        return new ApiClientOptions(Duration.ofSeconds(10), Duration.ofMinutes(5), Patience.FIRST_WAIT,
                Patience.LONGEST_WAIT, Duration.ofMinutes(1));
    }

    /** These options with other retry waits (a quick check, or tests in milliseconds). */
    public ApiClientOptions withBackoff(Duration first, Duration max) {
        return new ApiClientOptions(connectTimeout, requestTimeout, first, max, loginMargin);
    }

    /** These options with another request timeout. */
    public ApiClientOptions withRequestTimeout(Duration timeout) {
        return new ApiClientOptions(connectTimeout, timeout, firstBackoff, maxBackoff, loginMargin);
    }
}
