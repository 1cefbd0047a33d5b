package clearml.migrate.events;

import clearml.migrate.retry.Patience;
import clearml.migrate.tls.TlsTrust;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a ClearML Elasticsearch (or OpenSearch) is, how to log in, and which certificates to trust over https.
 * Neither the password nor the API key appears in {@link #toString()}.
 *
 * @param hosts one or more {@code http(s)://host:port} addresses of the same cluster
 * @param user the user for HTTP basic authentication, or null
 * @param password the user's password, or null
 * @param apiKey the API key to log in with instead of a user, or null; never together with a user
 * @param trust the certificates trusted on {@code https://} hosts
 * @param retryFor how long a request that failed on the way (the cluster gone, overloaded, restarting) is retried
 */
public record ElasticSettings(List<URI> hosts, @Nullable String user, @Nullable String password,
        @Nullable ElasticApiKey apiKey, TlsTrust trust, Duration retryFor) {

    public ElasticSettings {
        hosts = List.copyOf(hosts);
        if (apiKey != null && user != null) {
            throw new IllegalArgumentException("An API key and a user exclude each other");
        }
    }

    /** Settings for a user (or nobody) over plain http or https with the JDK's CAs. */
    public ElasticSettings(List<URI> hosts, @Nullable String user, @Nullable String password, Duration retryFor) {
        this(hosts, user, password, null, TlsTrust.SYSTEM, retryFor);
    }

    /** Settings with the default patience ({@link Patience#DEFAULT}). */
    public ElasticSettings(List<URI> hosts, @Nullable String user, @Nullable String password) {
        this(hosts, user, password, Patience.DEFAULT);
    }

    @Override
    public String toString() {
        return "ElasticSettings[hosts=" + hosts + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                + ", apiKey=" + apiKey + ", trust=" + trust + ", retryFor=" + retryFor + "]";
    }
}
