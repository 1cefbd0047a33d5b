package clearml.migrate.hardening;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of a search engine that refuses every other bulk request with 429 and every other
 * search (a scroll's first page or its next) with 503, starting with the first, as a busy cluster does; all else,
 * and the requests it lets through, it forwards unchanged.
 */
final class FaultyEngineProxy implements AutoCloseable {

    private final EngineForwarding forwarding;
    private final HttpServer server;
    private final AtomicInteger bulks = new AtomicInteger();
    private final AtomicInteger searches = new AtomicInteger();
    private final AtomicInteger refusedBulks = new AtomicInteger();
    private final AtomicInteger refusedSearches = new AtomicInteger();

    FaultyEngineProxy(URI engine) throws IOException {
        this.forwarding = new EngineForwarding(engine, List.of("Content-Type", "Authorization"),
                List.of("Content-Type"));
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int refusedBulks() {
        return refusedBulks.get();
    }

    int refusedSearches() {
        return refusedSearches.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getRawPath();
            boolean post = exchange.getRequestMethod().equals("POST") || exchange.getRequestMethod().equals("PUT");
            if (post && path.endsWith("/_bulk") && bulks.incrementAndGet() % 2 == 1) {
                refusedBulks.incrementAndGet();
                EngineForwarding.answer(exchange, 429, "{\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":"
                        + "\"rejected execution of coordinating operation\"},\"status\":429}");
            } else if (post && path.contains("/_search") && searches.incrementAndGet() % 2 == 1) {
                refusedSearches.incrementAndGet();
                EngineForwarding.answer(exchange, 503, "{\"error\":{\"type\":\"search_phase_execution_exception\",\"reason\":"
                        + "\"all shards failed\"},\"status\":503}");
            } else {
                forwarding.forward(exchange, body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
