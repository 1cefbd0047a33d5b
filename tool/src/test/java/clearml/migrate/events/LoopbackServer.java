package clearml.migrate.events;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A tiny HTTP server on loopback that answers from a script of canned responses (the last one repeats) and records
 * what it was asked. It stands in for an engine that misbehaves in ways a healthy embedded node cannot be made to.
 */
final class LoopbackServer implements AutoCloseable {

    /** One canned answer, sent after {@code delayMillis}. */
    record Answer(int status, String body, long delayMillis) {
        Answer(int status, String body) {
            this(status, body, 0);
        }
    }

    /** One received request. */
    record Received(String method, String path, String body, String authorization) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> script;
    private volatile Answer last;
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    LoopbackServer(Answer... answers) throws IOException {
        this.script = new ConcurrentLinkedQueue<>(List.of(answers));
        this.last = answers[answers.length - 1];
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), body,
                auth == null ? "" : auth));
        Answer answer = script.poll();
        if (answer == null) {
            answer = last;
        }
        pause(answer.delayMillis());
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
