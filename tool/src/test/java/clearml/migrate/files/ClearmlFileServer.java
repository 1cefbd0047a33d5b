package clearml.migrate.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A loopback HTTP server that behaves as ClearML's file server does (data model §6.3), over a storage directory:
 * {@code GET /} answers {@code OK}; {@code GET /<path>} sends the file or 404; a multipart {@code POST /} saves
 * each part at its field name and answers the JSON list of saved paths; {@code DELETE /<path>} deletes a file or
 * answers 404; {@code POST /delete_many} removes the listed files and directories. Downloads carry an {@code ETag}
 * and honour {@code Range: bytes=N-} with {@code 206} unless an {@code If-Range} names another version, as Flask's
 * {@code send_from_directory} (Werkzeug's conditional responses) does for ClearML's file server. A request carrying
 * {@code Content-Encoding} gets 415; with a token set, a request without {@code Authorization: Bearer <token>}
 * gets 401.
 *
 * <p>Switches make the next requests misbehave, as jsoup's TestServer routes do, so that retries and messages are
 * tested against real sockets: {@link #failNext} answers a status a few times (a 3xx redirects to {@code /}), {@link #stallNext} waits before
 * answering, {@link #truncateNextBody} announces a length and sends half, {@link #dropNextBody} starts a chunked
 * body and breaks the connection, {@link #stallNextBodies} sends half a body and waits before sending the rest;
 * {@link #ignoreRanges} makes downloads answer {@code 200} with the whole file whatever was asked, as a server or
 * proxy without range support does.
 */
final class ClearmlFileServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final @Nullable String token;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger failureStatus = new AtomicInteger(503);
    private final AtomicReference<String> failureMethod = new AtomicReference<>("");
    private final AtomicReference<Duration> stall = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<String> bodyTrouble = new AtomicReference<>("");
    private final AtomicInteger bodyStallsLeft = new AtomicInteger();
    private final AtomicReference<Duration> bodyStall = new AtomicReference<>(Duration.ZERO);
    private volatile boolean ranges = true;

    private ClearmlFileServer(Path root, @Nullable String token) throws IOException {
        this.root = root.toRealPath();
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static ClearmlFileServer start(Path root) throws IOException {
        return new ClearmlFileServer(root, null);
    }

    static ClearmlFileServer startWithToken(Path root, String token) throws IOException {
        return new ClearmlFileServer(root, token);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Path root() {
        return root;
    }

    /** Every request so far as {@code METHOD /path STATUS}, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** Answers the next {@code times} requests with {@code status}. */
    void failNext(int times, int status) {
        failNext(times, status, "");
    }

    /** Answers the next {@code times} requests of {@code method} with {@code status}. */
    void failNext(int times, int status, String method) {
        failureStatus.set(status);
        failureMethod.set(method);
        failuresLeft.set(times);
    }

    void stallNext(Duration duration) {
        stall.set(duration);
    }

    void truncateNextBody() {
        bodyTrouble.set("truncate");
    }

    void dropNextBody() {
        bodyTrouble.set("drop");
    }

    /** The next {@code times} downloads send their headers and half the body, then wait {@code stall}. */
    void stallNextBodies(int times, Duration stall) {
        bodyStall.set(stall);
        bodyStallsLeft.set(times);
    }

    /** From now on, answers every download with the whole file and {@code 200}, ignoring {@code Range}. */
    void ignoreRanges() {
        ranges = false;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        respond(exchange); // on BrokenOnPurpose the exchange stays unclosed: HttpServer then drops the socket
        exchange.close();
    }

    /** Logs the request with its status before answering, so a client that has its answer sees it logged. */
    private void answer(HttpExchange exchange, int status, long length) throws IOException {
        requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + status);
        exchange.sendResponseHeaders(status, length);
    }

    private static final class BrokenOnPurpose extends IOException {
        BrokenOnPurpose(String trouble) {
            super("breaking the body on purpose (" + trouble + ")");
        }
    }

    private int respond(HttpExchange exchange) throws IOException {
        exchange.setAttribute("body", exchange.getRequestBody().readAllBytes()); // a test server may hold it
        String failing = failureMethod.get();
        boolean fails = failing.isEmpty() || failing.equals(exchange.getRequestMethod());
        if (fails && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            if (failureStatus.get() / 100 == 3) {
                exchange.getResponseHeaders().set("Location", "/"); // as a proxy sends a client to its login page
            }
            return send(exchange, failureStatus.get(), "failing on purpose");
        }
        sleep(stall.getAndSet(Duration.ZERO));
        if (exchange.getRequestHeaders().containsKey("Content-Encoding")) {
            return send(exchange, 415, "Content-Encoding is not supported");
        }
        if (token != null && !("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return send(exchange, 401, "Unauthorized");
        }
        return route(exchange);
    }

    private int route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath().replaceFirst("^/+", "");
        if (method.equals("GET") && path.isEmpty()) {
            return send(exchange, 200, "OK");
        }
        if (method.equals("GET")) {
            return download(exchange, path);
        }
        if (method.equals("DELETE")) {
            return deleteOne(exchange, path);
        }
        if (method.equals("POST") && path.equals("delete_many")) {
            return deleteMany(exchange);
        }
        if (method.equals("POST") && path.isEmpty()) {
            return upload(exchange);
        }
        return send(exchange, 405, "Method Not Allowed");
    }

    private int download(HttpExchange exchange, String path) throws IOException {
        Path file = inside(path);
        if (file == null || !Files.isRegularFile(file)) {
            return send(exchange, 404, "Not Found");
        }
        byte[] whole = Files.readAllBytes(file);
        String etag = "\"" + Files.getLastModifiedTime(file).toMillis() + "-" + whole.length + "\"";
        exchange.getResponseHeaders().set("ETag", etag);
        long from = rangeStart(exchange, etag, whole.length);
        byte[] content = Arrays.copyOfRange(whole, (int) Math.max(from, 0), whole.length);
        int status = from < 0 ? 200 : 206;
        if (from >= 0) {
            exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (whole.length - 1) + "/" + whole.length);
        }
        String trouble = bodyStallsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? "stall"
                : bodyTrouble.getAndSet("");
        // HttpServer reads length 0 as "chunked" and -1 as "no body".
        answer(exchange, status, trouble.equals("drop") ? 0 : content.length == 0 ? -1 : content.length);
        OutputStream out = exchange.getResponseBody();
        if (trouble.isEmpty()) {
            out.write(content);
            return status;
        }
        out.write(content, 0, content.length / 2);
        out.flush();
        if (trouble.equals("stall")) {
            sleep(bodyStall.get());
            out.write(content, content.length / 2, content.length - content.length / 2);
            return status;
        }
        throw new BrokenOnPurpose(trouble);
    }

    /** Where a {@code Range: bytes=N-} download starts, or -1 for the whole file. */
    private long rangeStart(HttpExchange exchange, String etag, long length) {
        String range = exchange.getRequestHeaders().getFirst("Range");
        String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
        Matcher from = Pattern.compile("bytes=(\\d+)-").matcher(range == null ? "" : range);
        if (!ranges || !from.matches() || (ifRange != null && !ifRange.equals(etag))) {
            return -1;
        }
        long start = Long.parseLong(from.group(1));
        return start < length ? start : -1;
    }

    private int deleteOne(HttpExchange exchange, String path) throws IOException {
        Path file = inside(path);
        if (file == null || !Files.isRegularFile(file)) {
            return send(exchange, 404, "Not Found");
        }
        Files.delete(file);
        return send(exchange, 200, "OK");
    }

    private int deleteMany(HttpExchange exchange) throws IOException {
        JsonNode files = JSON.readTree(bodyOf(exchange)).path("files");
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode deleted = answer.putObject("deleted");
        ArrayNode refused = answer.putObject("errors").putArray("Invalid path");
        for (JsonNode name : files) {
            Path target = name.asText().isBlank() ? null : inside(name.asText());
            if (target == null || !Files.exists(target)) {
                refused.add(name.asText());
            } else {
                removeTree(target);
                deleted.put(name.asText(), true);
            }
        }
        return send(exchange, 200, answer.toString());
    }

    private int upload(HttpExchange exchange) throws IOException {
        String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        Matcher boundary = Pattern.compile("boundary=(\\S+)").matcher(type);
        if (!type.startsWith("multipart/form-data") || !boundary.find()) {
            return send(exchange, 400, "expected multipart/form-data");
        }
        ArrayNode saved = JSON.createArrayNode();
        for (Part part : Part.parse(bodyOf(exchange), boundary.group(1))) {
            Path target = inside(part.name());
            if (target == null) {
                return send(exchange, 400, "bad path " + part.name());
            }
            Files.createDirectories(target.getParent());
            Files.write(target, part.content());
            saved.add(part.name());
        }
        return send(exchange, 200, saved.toString());
    }

    private byte[] bodyOf(HttpExchange exchange) {
        return (byte[]) exchange.getAttribute("body");
    }

    private @Nullable Path inside(String path) {
        Path file = root.resolve(path).normalize();
        return file.startsWith(root) && !file.equals(root) ? file : null;
    }

    private int send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        answer(exchange, status, bytes.length);
        exchange.getResponseBody().write(bytes);
        return status;
    }

    private static void removeTree(Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(target)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One part of a multipart/form-data body: its field name (backslash escapes undone) and its bytes. */
    record Part(String name, byte[] content) {

        private static final Pattern NAME = Pattern.compile("name=\"((?:[^\"\\\\]|\\\\.)*)\"");

        static List<Part> parse(byte[] body, String boundary) {
            byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            byte[] framed = concat("\r\n".getBytes(StandardCharsets.ISO_8859_1), body);
            List<Part> parts = new ArrayList<>();
            int start = indexOf(framed, delimiter, 0);
            while (start >= 0) {
                int headersStart = start + delimiter.length + 2;
                int next = indexOf(framed, delimiter, headersStart);
                if (next < 0) {
                    break;
                }
                int headersEnd = indexOf(framed, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
                String headers = new String(framed, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
                Matcher name = NAME.matcher(headers);
                if (!name.find()) {
                    throw new UncheckedIOException(new IOException("part without a name: " + headers));
                }
                parts.add(new Part(name.group(1).replaceAll("\\\\(.)", "$1"),
                        Arrays.copyOfRange(framed, headersEnd + 4, next)));
                start = next;
            }
            return parts;
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] both = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            return both;
        }

        private static int indexOf(byte[] data, byte[] pattern, int from) {
            outer:
            for (int i = from; i <= data.length - pattern.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (data[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
