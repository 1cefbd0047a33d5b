package clearml.migrate.events;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The hosts of one cluster, without any user info, and which one requests go to: the current host stays until
 * it cannot be connected to, then the next one takes over.
 */
final class ElasticHosts {

    private final List<URI> hosts;
    private final AtomicInteger current = new AtomicInteger();

    ElasticHosts(List<URI> hosts) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("At least one Elasticsearch host is needed");
        }
        this.hosts = hosts.stream().map(ElasticHosts::withoutUserInfo).toList();
    }

    int size() {
        return hosts.size();
    }

    /** The host requests go to now. */
    URI current() {
        return hosts.get(Math.floorMod(current.get(), hosts.size()));
    }

    /** Moves on to the host after {@code failed}, unless another thread did already. */
    void skip(URI failed) {
        int index = current.get();
        if (hosts.get(Math.floorMod(index, hosts.size())).equals(failed)) {
            current.compareAndSet(index, index + 1);
        }
    }

    /** The full URI of a path on a host; a host may carry a path prefix (a proxy). */
    static URI resolve(URI host, String path) {
        String base = host.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    /** The hosts as messages name them: {@code http://h:9200, http://g:9200}. */
    String describe() {
        return hosts.stream().map(URI::toString).collect(Collectors.joining(", "));
    }

    /** The {@code user:password} written into a host URI, if any. */
    static @Nullable String userInfo(List<URI> hosts) {
        return hosts.stream().map(URI::getRawUserInfo).filter(info -> info != null).findFirst().orElse(null);
    }

    private static URI withoutUserInfo(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Not an Elasticsearch host address: " + uri.getHost(), e);
        }
    }
}
