package clearml.sandbox.api;

import java.time.Duration;

/**
 * The server settings a client meets as limits (clearml-rest-api.md "Limits met"). The defaults are ClearML
 * v2.0.0's; a test can shrink them to check that a client does not assume them.
 *
 * @param maxPageSize              {@code services._mongo.max_page_size}: list calls return at most this many
 * @param maxEventsPerCall         {@code events_retrieval.max_raw_scalars_size} for event reads
 * @param maxRawScalars            the cap on {@code events.scalar_metrics_iter_raw}'s {@code batch_size}
 * @param plotCompressionThreshold {@code services.events.plot_compression_threshold}, in characters
 * @param maxLastMetrics           {@code services.tasks.max_last_metrics}: metric/variant pairs kept per entity
 * @param tokenLifetime            {@code apiserver.auth.default_expiration_sec}
 * @param scrollLifetime           {@code services._mongo.scroll_state_expiration_seconds}
 */
public record ApiLimits(int maxPageSize, int maxEventsPerCall, int maxRawScalars, int plotCompressionThreshold,
                        int maxLastMetrics, Duration tokenLifetime, Duration scrollLifetime) {

    /** ClearML server v2.0.0's defaults. */
    public static final ApiLimits DEFAULTS = new ApiLimits(500, 10_000, 200_000, 100_000, 2000,
            Duration.ofDays(30), Duration.ofMinutes(10));

    /** These limits with another page cap. */
    public ApiLimits withMaxPageSize(int size) {
        return new ApiLimits(size, maxEventsPerCall, maxRawScalars, plotCompressionThreshold, maxLastMetrics,
                tokenLifetime, scrollLifetime);
    }

    /** These limits with another cap on events per read. */
    public ApiLimits withMaxEventsPerCall(int events) {
        return new ApiLimits(maxPageSize, events, maxRawScalars, plotCompressionThreshold, maxLastMetrics,
                tokenLifetime, scrollLifetime);
    }
}
