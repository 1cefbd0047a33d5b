package clearml.migrate.api;

import clearml.migrate.retry.Patience;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where a ClearML server's API is, whose keys to use, and how long to wait out a server that went away. Built once
 * at the edge by {@link ApiSettingsSources}; the secret never appears in {@link #toString()}.
 *
 * @param apiHost the API server, e.g. {@code https://api.clear.ml} or {@code http://localhost:8008}
 * @param filesHost the file server, or null when no source names one
 * @param credentials the access key and secret key
 * @param retryFor how long a call that failed on the way (429, 502-504, a lost connection) is retried
 */
public record ApiSettings(URI apiHost, @Nullable URI filesHost, ApiCredentials credentials, Duration retryFor) {

    /** Settings with the default patience ({@link Patience#DEFAULT}). */
    public ApiSettings(URI apiHost, @Nullable URI filesHost, ApiCredentials credentials) {
        this(apiHost, filesHost, credentials, Patience.DEFAULT);
    }

    /** These settings with another patience. */
    public ApiSettings withRetryFor(Duration patience) {
        return new ApiSettings(apiHost, filesHost, credentials, patience);
    }
}
