package clearml.migrate.events;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * A cluster as another cluster sees it when it runs {@code _reindex} from it: its address and the
 * {@code Authorization} header to send. The header is a secret and never part of {@link #toString()}.
 *
 * @param host the address, e.g. {@code http://10.0.0.5:9200}, without user info
 * @param authorization the header value ({@code Basic …} or {@code ApiKey …}), or null for anonymous access
 */
public record RemoteCluster(URI host, @Nullable String authorization) {

    /** The cluster a client talks to, logging in as that client does. */
    public static RemoteCluster of(ElasticClient client) {
        return new RemoteCluster(client.currentHost(), client.authorizationHeader());
    }

    /** {@code host:port} as an allow-list names it (the scheme's default port when the address gives none). */
    public String hostAndPort() {
        int port = host.getPort() >= 0 ? host.getPort() : "https".equals(host.getScheme()) ? 443 : 80;
        return host.getHost() + ":" + port;
    }

    @Override
    public String toString() {
        return "RemoteCluster[host=" + host + ", authorization=" + (authorization == null ? "none" : "***") + "]";
    }
}
