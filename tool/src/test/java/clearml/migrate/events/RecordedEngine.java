package clearml.migrate.events;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A loopback HTTP server that plays an Elasticsearch 8 node from <b>recorded</b> answers (the files under
 * {@code src/test/resources/clearml/migrate/events/es8/}, see their README): no ES 8 node runs here. Answers are
 * routed by method and path (the query string is ignored); a route answers its answers in turn and repeats the last.
 * A request no route knows gets ES's own 400 for an unknown endpoint. Every answer carries
 * {@code X-Elastic-Product: Elasticsearch}. What was asked is recorded.
 */
public final class RecordedEngine implements AutoCloseable {

    /** ES 8's answer to a path no handler knows. */
    private static final String NO_HANDLER =
            "{\"error\":\"no handler found for uri [%s] and method [%s]\"}";

    /** One received request: method, path with query, body. */
    public record Received(String method, String path, String body) {
        /** The path without its query string. */
        public String route() {
            int query = path.indexOf('?');
            return query < 0 ? path : path.substring(0, query);
        }
    }

    private record Recorded(int status, String file) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Recorded>> routes = new HashMap<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    public RecordedEngine() {
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    /** Answers {@code method path} with the recorded files in turn, status 200 each. */
    public RecordedEngine on(String method, String path, String... files) {
        for (String file : files) {
            on(method, path, 200, file);
        }
        return this;
    }

    /** Answers {@code method path} with a recorded file and a status; {@code file} null sends no body. */
    public synchronized RecordedEngine on(String method, String path, int status, String file) {
        routes.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>()).add(new Recorded(status, file));
        return this;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The requests sent to one route, in order. */
    public List<Received> received(String method, String route) {
        return received().stream().filter(r -> r.method().equals(method) && r.route().equals(route)).toList();
    }

    /** The text of a recorded file. */
    public static String recorded(String file) {
        try (InputStream in = RecordedEngine.class.getResourceAsStream("es8/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("No recorded ES 8 answer " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), body);
        received.add(request);
        Recorded answer = next(request.method() + " " + request.route());
        exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
        byte[] bytes = answer == null
                ? String.format(NO_HANDLER, request.path(), request.method()).getBytes(StandardCharsets.UTF_8)
                : answer.file() == null ? new byte[0] : recorded(answer.file()).getBytes(StandardCharsets.UTF_8);
        int status = answer == null ? 400 : answer.status();
        boolean noBody = bytes.length == 0 || request.method().equals("HEAD");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!noBody) {
                out.write(bytes);
            }
        }
    }

    private synchronized Recorded next(String route) {
        Deque<Recorded> answers = routes.get(route);
        if (answers == null) {
            return null;
        }
        return answers.size() > 1 ? answers.poll() : answers.peek();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
