package clearml.migrate.events;

import clearml.migrate.retry.Patience;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a ClearML Elasticsearch (or OpenSearch) is and how to log in. The password never appears in
 * {@link #toString()}.
 *
 * @param hosts one or more {@code http(s)://host:port} addresses of the same cluster
 * @param user the user for HTTP basic authentication, or null
 * @param password the user's password, or null
 * @param retryFor how long a request that failed on the way (the cluster gone, overloaded, restarting) is retried
 */
public record ElasticSettings(List<URI> hosts, @Nullable String user, @Nullable String password, Duration retryFor) {

    public ElasticSettings {
        hosts = List.copyOf(hosts);
    }

    /** Settings with the default patience ({@link Patience#DEFAULT}). */
    public ElasticSettings(List<URI> hosts, @Nullable String user, @Nullable String password) {
        this(hosts, user, password, Patience.DEFAULT);
    }

    @Override
    public String toString() {
        return "ElasticSettings[hosts=" + hosts + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", retryFor=" + retryFor + "]";
    }
}
