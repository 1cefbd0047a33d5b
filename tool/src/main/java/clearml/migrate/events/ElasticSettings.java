package clearml.migrate.events;

import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a ClearML Elasticsearch (or OpenSearch) is and how to log in. The password never appears in
 * {@link #toString()}.
 *
 * @param hosts one or more {@code http(s)://host:port} addresses of the same cluster
 * @param user the user for HTTP basic authentication, or null
 * @param password the user's password, or null
 */
public record ElasticSettings(List<URI> hosts, @Nullable String user, @Nullable String password) {

    public ElasticSettings {
        hosts = List.copyOf(hosts);
    }

    @Override
    public String toString() {
        return "ElasticSettings[hosts=" + hosts + ", user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
