package clearml.migrate.secured;

import clearml.migrate.hardening.EngineForwarding;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A TLS-terminating loopback proxy in front of a search engine's plain HTTP port, standing in for a secured
 * Elasticsearch 8: it serves https with a certificate of {@link TestCertificates}, and when given accepted
 * {@code Authorization} values it answers every other request with 401 and Elasticsearch's
 * {@code security_exception}, as Elasticsearch does for a missing or wrong API key. What it lets through it forwards
 * unchanged, without the {@code Authorization} header (the engine behind it has no security).
 */
public final class TlsEngineProxy implements AutoCloseable {

    private static final String UNAUTHENTICATED = "{\"error\":{\"root_cause\":[{\"type\":\"security_exception\","
            + "\"reason\":\"unable to authenticate with provided credentials and anonymous access is not allowed for "
            + "this request\"}],\"type\":\"security_exception\",\"reason\":\"unable to authenticate with provided "
            + "credentials and anonymous access is not allowed for this request\"},\"status\":401}";

    private final EngineForwarding forwarding;
    private final Set<String> accepted;
    private final HttpsServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final Set<String> authorizationsSeen = ConcurrentHashMap.newKeySet();

    /**
     * @param engine the engine's plain http address
     * @param certificate the certificate to serve
     * @param accepted the {@code Authorization} values let through; empty lets every request through
     */
    public TlsEngineProxy(URI engine, TestCertificates.Server certificate, Set<String> accepted) throws IOException {
        this.forwarding = new EngineForwarding(engine, List.of("Content-Type", "Accept"),
                List.of("Content-Type", "X-Elastic-Product"));
        this.accepted = Set.copyOf(accepted);
        SSLContext tls = TestCertificates.get().serverContext(certificate);
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** A proxy that lets every request through. */
    public TlsEngineProxy(URI engine, TestCertificates.Server certificate) throws IOException {
        this(engine, certificate, Set.of());
    }

    public URI uri() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every {@code Authorization} value requests came with ({@code ""} for none). */
    public Set<String> authorizationsSeen() {
        return Set.copyOf(authorizationsSeen);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizationsSeen.add(authorization == null ? "" : authorization);
            if (!accepted.isEmpty() && (authorization == null || !accepted.contains(authorization))) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "ApiKey");
                EngineForwarding.answer(exchange, 401, UNAUTHENTICATED);
                return;
            }
            forwarding.forward(exchange, body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
