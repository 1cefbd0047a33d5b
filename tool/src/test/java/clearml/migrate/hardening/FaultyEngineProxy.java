package clearml.migrate.hardening;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of a search engine that refuses every other bulk request with 429 and every other
 * search (a scroll's first page or its next) with 503, starting with the first, as a busy cluster does; all else,
 * and the requests it lets through, it forwards unchanged.
 */
final class FaultyEngineProxy implements AutoCloseable {

    private static final List<String> FORWARDED_HEADERS = List.of("Content-Type", "Authorization");

    private final URI engine;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger bulks = new AtomicInteger();
    private final AtomicInteger searches = new AtomicInteger();
    private final AtomicInteger refusedBulks = new AtomicInteger();
    private final AtomicInteger refusedSearches = new AtomicInteger();

    FaultyEngineProxy(URI engine) throws IOException {
        this.engine = engine;
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
                answer(exchange, 429, "{\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":"
                        + "\"rejected execution of coordinating operation\"},\"status\":429}");
            } else if (post && path.contains("/_search") && searches.incrementAndGet() % 2 == 1) {
                refusedSearches.incrementAndGet();
                answer(exchange, 503, "{\"error\":{\"type\":\"search_phase_execution_exception\",\"reason\":"
                        + "\"all shards failed\"},\"status\":503}");
            } else {
                forward(exchange, body);
            }
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(engine.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery())))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : FORWARDED_HEADERS) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().firstValue("Content-Type")
                    .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
            send(exchange, response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        send(exchange, status, json.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        if (exchange.getRequestMethod().equals("HEAD") || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
