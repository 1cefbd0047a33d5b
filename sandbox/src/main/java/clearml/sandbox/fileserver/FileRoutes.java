package clearml.sandbox.fileserver;

import clearml.sandbox.http.LoopbackServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The file server's routes ({@code fileserver.py}, {@code auth.py}): {@code GET /} answers {@code OK} (checking a
 * token only when one is sent), every other route needs the apiserver's Bearer token or the
 * {@code clearml_token_basic} cookie; {@code POST /} stores each multipart file under its field name,
 * {@code GET}/{@code DELETE /<path>} read and delete one file, {@code POST /delete_many} deletes files and folders.
 */
final class FileRoutes implements LoopbackServer.Routes {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COOKIE = "clearml_token_basic";

    private final Path root;
    private final FileServerStandIn.TokenCheck tokens;

    FileRoutes(Path root, FileServerStandIn.TokenCheck tokens) {
        this.root = root.toAbsolutePath().normalize();
        this.tokens = tokens;
    }

    @Override
    public String endpoint(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if ("/".equals(path)) {
            return "GET".equals(method) ? "ping" : "POST".equals(method) ? "upload" : "unsupported";
        }
        if ("/delete_many".equals(path) && "POST".equals(method)) {
            return "delete_many";
        }
        return switch (method) {
            case "GET", "HEAD" -> "download";
            case "DELETE" -> "delete";
            default -> "unsupported";
        };
    }

    @Override
    public void serve(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("server", "clearml");
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null) {
            text(exchange, 415, "Content encoding is not supported (" + encoding + ")");
            return;
        }
        try {
            route(exchange);
        } catch (Refusal refusal) {
            text(exchange, refusal.status, refusal.getMessage());
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        switch (endpoint(exchange)) {
            case "ping" -> {
                if (token(exchange) != null) {
                    authorize(exchange);
                }
                text(exchange, 200, "OK");
            }
            case "upload" -> upload(authorized(exchange));
            case "delete_many" -> deleteMany(authorized(exchange));
            case "download" -> download(authorized(exchange), path.substring(1));
            case "delete" -> delete(authorized(exchange), path.substring(1));
            default -> text(exchange, 405, "Method Not Allowed");
        }
    }

    private HttpExchange authorized(HttpExchange exchange) {
        authorize(exchange);
        return exchange;
    }

    /** {@code AuthHandler.validate}: a Bearer token the apiserver accepts; Basic and no token are 401. */
    private void authorize(HttpExchange exchange) {
        String token = token(exchange);
        if (token == null) {
            throw new Refusal(401, "Unauthorized");
        }
        String rejection = tokens.rejection(token);
        if (rejection != null) {
            throw new Refusal(401, rejection);
        }
    }

    private static @Nullable String token(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header != null) {
            if (!header.startsWith("Bearer ")) {
                throw new Refusal(401, "Only bearer token authorization is supported");
            }
            return header.substring("Bearer ".length());
        }
        String cookies = exchange.getRequestHeaders().getFirst("Cookie");
        if (cookies != null) {
            for (String pair : cookies.split(";")) {
                String[] parts = pair.strip().split("=", 2);
                if (parts.length == 2 && parts[0].equals(COOKIE) && !parts[1].isEmpty()) {
                    return parts[1];
                }
            }
        }
        return null;
    }

    /** Each file part's field name is its path; a name seen twice keeps its first part, as Flask's files do. */
    private void upload(HttpExchange exchange) throws IOException {
        String boundary = Multipart.boundary(exchange.getRequestHeaders().getFirst("Content-Type"));
        List<String> stored = new ArrayList<>();
        if (boundary != null) {
            Set<String> seen = new HashSet<>();
            Multipart.parse(exchange.getRequestBody(), boundary, (name, filename, content) -> {
                if (filename != null && !name.isEmpty() && seen.add(name)) {
                    stored.add(store(name.replaceFirst("^/+", ""), content));
                }
            });
        }
        ArrayNode answer = JSON.createArrayNode();
        stored.forEach(answer::add);
        text(exchange, 200, JSON.writeValueAsString(answer));
    }

    private String store(String path, InputStream content) throws IOException {
        Path target = SafePaths.resolve(root, path);
        if (target == null) {
            throw new Refusal(404, "Not Found");
        }
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), ".upload-", ".part");
        try {
            Files.copy(content, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return path;
    }

    private void download(HttpExchange exchange, String path) throws IOException {
        Path file = SafePaths.resolve(root, path);
        if (file == null || !Files.isRegularFile(file)) {
            throw new Refusal(404, "Not Found");
        }
        Downloads.send(exchange, file, path);
    }

    private void delete(HttpExchange exchange, String path) throws IOException {
        Path file = SafePaths.resolve(root, path);
        if (file == null || !Files.isRegularFile(file)) {
            throw new Refusal(404, "File " + path + " not found");
        }
        Files.delete(file);
        text(exchange, 200, JSON.writeValueAsString(path));
    }

    /** {@code batch_delete}: files and folders; each failure listed under its reason. */
    private void deleteMany(HttpExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(exchange.getRequestBody());
        } catch (IOException e) {
            throw new Refusal(400, "Failed to decode JSON object: " + e.getMessage());
        }
        if (body == null || body.isNull() || body.isEmpty()) {
            throw new Refusal(400, "Json payload is missing");
        }
        JsonNode files = body.path("files");
        if (!files.isArray() || files.isEmpty()) {
            throw new Refusal(400, "files are missing");
        }
        ObjectNode deleted = JSON.createObjectNode();
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (JsonNode file : files) {
            String name = file.asText();
            String path = URLDecoder.decode(name, StandardCharsets.UTF_8);
            String failure = deleteOne(path);
            if (failure == null) {
                deleted.put(name, path);
            } else {
                errors.computeIfAbsent(failure, key -> new ArrayList<>()).add(name);
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.set("deleted", deleted);
        answer.set("errors", JSON.valueToTree(errors));
        text(exchange, 200, JSON.writeValueAsString(answer));
    }

    private @Nullable String deleteOne(String path) throws IOException {
        if (path.isEmpty() || path.replace("/", "").isEmpty()) {
            return "Empty path not allowed";
        }
        Path target = SafePaths.resolve(root, path.replaceFirst("^/+", ""));
        if (target == null || !Files.exists(target)) {
            return "Not found";
        }
        if (Files.isDirectory(target)) {
            try (Stream<Path> tree = Files.walk(target)) {
                for (Path item : tree.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(item);
                }
            }
        } else {
            Files.delete(target);
        }
        return null;
    }

    /** Flask answers a returned string as HTML text. */
    private static void text(HttpExchange exchange, int status, String body) throws IOException {
        LoopbackServer.send(exchange, status, "text/html; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    /** An answer other than success, with its status and text. */
    private static final class Refusal extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final int status;

        Refusal(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
