package clearml.sandbox.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A JDK {@link HttpServer} on 127.0.0.1 and a free port, with a small pool of daemon threads, that counts each call
 * and answers the faults injected for it before the stand-in's own handler sees the call.
 */
public final class LoopbackServer implements AutoCloseable {

    private static final int THREADS = 8;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Faults faults = new Faults();
    private final CallCounts calls = new CallCounts();

    private LoopbackServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server whose every request goes through {@code routes}, named {@code name} in its threads. */
    public static LoopbackServer start(String name, Routes routes) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the " + name + " stand-in to a loopback port", e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        LoopbackServer loopback = new LoopbackServer(server, executor);
        server.createContext("/", exchange -> loopback.handle(exchange, routes));
        server.setExecutor(executor);
        server.start();
        return loopback;
    }

    /** The base address, e.g. {@code http://127.0.0.1:40123}, without a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public Faults faults() {
        return faults;
    }

    public CallCounts calls() {
        return calls;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange, Routes routes) {
        try (exchange) {
            String endpoint = routes.endpoint(exchange);
            calls.record(endpoint);
            Faults.Fault fault = faults.take(endpoint);
            if (fault != null) {
                answerFault(exchange, fault);
            } else {
                routes.serve(exchange);
            }
        } catch (IOException | RuntimeException e) {
            answerFailure(exchange, e);
        }
    }

    /** A handler that failed before answering gets a 500; one that failed mid-answer has nothing left to send. */
    private static void answerFailure(HttpExchange exchange, Exception failure) {
        if (exchange.getResponseCode() != -1) {
            return;
        }
        try {
            send(exchange, 500, "text/plain; charset=utf-8", String.valueOf(failure.getMessage())
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void answerFault(HttpExchange exchange, Faults.Fault fault) throws IOException {
        Duration retryAfter = fault.retryAfter();
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfter.toSeconds()));
        }
        byte[] body = ("injected fault " + fault.status()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(fault.status(), body.length);
        exchange.getResponseBody().write(body);
    }

    /** What a stand-in does with a request: names its endpoint (for counts and faults), then serves it. */
    public interface Routes {

        /** The endpoint a request is counted under, e.g. {@code tasks.get_all} or {@code download}. */
        String endpoint(HttpExchange exchange);

        /** Answers the request; the exchange is closed afterwards. */
        void serve(HttpExchange exchange) throws IOException;
    }

    /** Sends {@code body} with {@code status} and {@code contentType}; a null body sends no content. */
    public static void send(HttpExchange exchange, int status, String contentType, byte @Nullable [] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        if (body == null || "HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }
}
