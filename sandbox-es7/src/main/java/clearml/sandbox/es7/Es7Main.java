package clearml.sandbox.es7;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.http.HttpServerTransport;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.reindex.ReindexPlugin;
import org.elasticsearch.transport.Netty4Plugin;
import org.jspecify.annotations.Nullable;

/**
 * Runs one Elasticsearch 7.17 node on 127.0.0.1 until SIGTERM:
 * {@code Es7Main [--port P] [--home DIR] [--ready-file F]}; prints {@code READY http://127.0.0.1:<port>}.
 */
public final class Es7Main {

    private Es7Main() {
    }

    public static void main(String[] args) throws Exception {
        Es7Options options = Es7Options.parse(args);
        long started = System.nanoTime();
        Node node = startNode(options);
        String url = "http://127.0.0.1:" + httpPort(node);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(node), "es7-stop"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.println("READY " + url + " (" + millis + " ms)");
        if (options.readyFile() != null) {
            writeAtomically(options.readyFile(), url);
        }
        new CountDownLatch(1).await(); // the shutdown hook ends the JVM
    }

    private static Node startNode(Es7Options options) throws Exception {
        Path home = options.home();
        Files.createDirectories(home);
        Settings settings = Settings.builder()
                .put("cluster.name", "clearml-sandbox-es7").put("node.name", "es7")
                .put("path.home", home.toString()).put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("network.host", "127.0.0.1").put("http.port", Integer.toString(options.port()))
                .put("transport.port", "0").put("http.type", "netty4").put("transport.type", "netty4")
                .put("discovery.type", "single-node")
                // a nearly full dev disk must not turn the indices read-only (test-infra.md pitfall 5)
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("indices.breaker.total.use_real_memory", false)
                .build();
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
                settings, Collections.emptyMap(), null, () -> "es7");
        Node node = new PluginNode(environment, List.of(Netty4Plugin.class, ReindexPlugin.class));
        node.start();
        return node;
    }

    private static int httpPort(Node node) {
        return node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
    }

    private static void stop(Node node) {
        try {
            node.close();
            node.awaitClose(30, TimeUnit.SECONDS);
            System.out.println("STOPPED");
        } catch (IOException | InterruptedException e) {
            System.err.println("Elasticsearch 7 node did not stop cleanly: " + e);
        }
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A node built from plugin classes on the classpath, as Elasticsearch's own {@code MockNode} does. */
    private static final class PluginNode extends Node {
        PluginNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    /** The command line of {@link Es7Main}. */
    record Es7Options(int port, Path home, @Nullable Path readyFile) {

        static Es7Options parse(String[] args) throws IOException {
            int port = 0;
            Path home = null;
            Path readyFile = null;
            for (int i = 0; i < args.length; i += 2) {
                String value = valueAfter(args, i);
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(value);
                    case "--home" -> home = Path.of(value);
                    case "--ready-file" -> readyFile = Path.of(value);
                    default -> throw new IllegalArgumentException(
                            "unknown option " + args[i] + "; usage: Es7Main [--port P] [--home DIR] [--ready-file F]");
                }
            }
            return new Es7Options(port, home != null ? home : Files.createTempDirectory("es7-home"), readyFile);
        }

        private static String valueAfter(String[] args, int i) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            return args[i + 1];
        }
    }
}
