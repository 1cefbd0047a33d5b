package clearml.migrate.hardening;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** How a loopback proxy in front of a search engine passes a request on and answers it, headers chosen by name. */
public final class EngineForwarding {

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI engine;
    private final List<String> requestHeaders;
    private final List<String> answerHeaders;

    /**
     * @param engine the engine's plain http address
     * @param requestHeaders the request headers passed on
     * @param answerHeaders the answer headers passed back
     */
    public EngineForwarding(URI engine, List<String> requestHeaders, List<String> answerHeaders) {
        this.engine = engine;
        this.requestHeaders = List.copyOf(requestHeaders);
        this.answerHeaders = List.copyOf(answerHeaders);
    }

    /** Sends the request, with its already read {@code body}, to the engine, and its answer back. */
    public void forward(HttpExchange exchange, byte[] body) throws IOException {
        URI asked = exchange.getRequestURI();
        HttpRequest.Builder request = HttpRequest.newBuilder(engine.resolve(asked.getRawPath()
                        + (asked.getRawQuery() == null ? "" : "?" + asked.getRawQuery())))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String header : requestHeaders) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            for (String header : answerHeaders) {
                response.headers().firstValue(header).ifPresent(v -> exchange.getResponseHeaders().add(header, v));
            }
            send(exchange, response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Answers with a JSON body of the proxy's own. */
    public static void answer(HttpExchange exchange, int status, String json) throws IOException {
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
}
