package clearml.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.node.NodeValidationException;
import org.opensearch.painless.PainlessPlugin;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/** A real OpenSearch 2.19 node in this JVM, HTTP on a free loopback port, data under a given home directory. */
public final class EmbeddedOpenSearch implements AutoCloseable {

    private final Node node;
    private final URI uri;

    private EmbeddedOpenSearch(Node node, URI uri) {
        this.node = node;
        this.uri = uri;
    }

    /** Starts a single-node cluster whose data and logs live under {@code home}. */
    public static EmbeddedOpenSearch start(Path home) {
        return start(home, List.of());
    }

    /**
     * Starts a single-node cluster that may {@code _reindex} from the remote clusters {@code remoteAllowlist}
     * names ({@code host:port} patterns, OpenSearch's static {@code reindex.remote.allowlist}, which only a node
     * start can set).
     */
    public static EmbeddedOpenSearch start(Path home, List<String> remoteAllowlist) {
        // mongo-java-server may have set Netty's processor count first (test-infra.md pitfall 1)
        System.setProperty("opensearch.set.netty.runtime.available.processors", "false");
        Node node = new PluginNode(environment(home, remoteAllowlist), List.of(Netty4Plugin.class, ReindexPlugin.class,
                PainlessPlugin.class, CommonAnalysisPlugin.class));
        try {
            node.start();
        } catch (NodeValidationException e) {
            throw new IllegalStateException("OpenSearch node under " + home + " failed its checks: " + e.getMessage(), e);
        }
        int port = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
        return new EmbeddedOpenSearch(node, URI.create("http://127.0.0.1:" + port));
    }

    private static Environment environment(Path home, List<String> remoteAllowlist) {
        Settings.Builder settings = Settings.builder()
                .put("cluster.name", "clearml-sandbox").put("node.name", "opensearch")
                .put("path.home", home.toString()).put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("network.host", "127.0.0.1").put("http.port", "0")
                .put("transport.port", "0").put("http.type", "netty4").put("transport.type", "netty4")
                .put("discovery.type", "single-node")
                // a nearly full dev disk must not turn the indices read-only (test-infra.md pitfall 5)
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("indices.breaker.total.use_real_memory", false);
        if (!remoteAllowlist.isEmpty()) {
            settings.putList("reindex.remote.allowlist", remoteAllowlist);
        }
        return InternalSettingsPreparer.prepareEnvironment(settings.build(), Collections.emptyMap(), null,
                () -> "opensearch");
    }

    /** The HTTP address, e.g. {@code http://127.0.0.1:41234}. */
    public URI uri() {
        return uri;
    }

    @Override
    public void close() {
        try {
            node.close();
            node.awaitClose(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException("OpenSearch node at " + uri + " did not close", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A node built from plugin classes on the classpath, as OpenSearch's own {@code MockNode} does. */
    private static final class PluginNode extends Node {
        PluginNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }
}
