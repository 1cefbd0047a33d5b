package clearml.sandbox.api;

import clearml.sandbox.http.LoopbackServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns HTTP requests into calls and answers into ClearML's envelope ({@code server_init/request_handlers.py},
 * {@code service_repo/service_repo.py}): {@code POST /[vX.Y/]service.action}, the HTTP status equal to
 * {@code meta.result_code}, the session cookie standing in for a missing {@code Authorization} header.
 */
final class ApiRouter implements LoopbackServer.Routes {

    /** The highest API version of ClearML server v2.0.0, used when a path names none. */
    static final String MAX_VERSION = "2.31";
    static final String SESSION_COOKIE = "clearml_token_basic";

    private static final Pattern PATH = Pattern.compile(
            "^/?(v(?<version>\\d+\\.?\\d+)/)?(?<name>[a-zA-Z_]\\w+\\.[a-zA-Z_]\\w+)/?$");
    private static final String JSON_LINES = "application/json-lines";

    private final EndpointTable endpoints;
    private final Authenticator authenticator;

    ApiRouter(EndpointTable endpoints, Authenticator authenticator) {
        this.endpoints = endpoints;
        this.authenticator = authenticator;
    }

    @Override
    public String endpoint(HttpExchange exchange) {
        Matcher matcher = PATH.matcher(exchange.getRequestURI().getPath());
        return matcher.matches() ? matcher.group("name") : "<invalid path>";
    }

    @Override
    public void serve(HttpExchange exchange) throws IOException {
        Matcher matcher = PATH.matcher(exchange.getRequestURI().getPath());
        String name = matcher.matches() ? matcher.group("name") : "";
        String version = matcher.matches() && matcher.group("version") != null ? matcher.group("version")
                : MAX_VERSION;
        ApiCall call = new ApiCall(name, version, headers(exchange));
        Endpoint endpoint = null;
        JsonNode data = null;
        ApiException error = null;
        try {
            if (!matcher.matches()) {
                throw ApiException.of(400, "Invalid request path " + exchange.getRequestURI().getPath());
            }
            endpoint = resolve(name, version);
            authenticator.authorize(call, endpoint);
            loadBody(call, exchange);
            data = endpoint.action().serve(call);
        } catch (ApiException e) {
            error = e;
        } catch (RuntimeException e) {
            error = ApiException.of(500, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        respond(exchange, call, endpoint, data, error);
    }

    private Endpoint resolve(String name, String version) {
        Endpoint endpoint = endpoints.find(name);
        if (endpoint == null || !endpoint.servesVersion(version)) {
            throw ApiException.of(404, "Unable to find endpoint for name " + name + " and version " + version);
        }
        return endpoint;
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((key, values) -> {
            if (!values.isEmpty()) {
                headers.put(key.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        String session = cookie(headers.get("cookie"), SESSION_COOKIE);
        if (session != null) {
            headers.putIfAbsent("authorization", "Bearer " + session);
        }
        return headers;
    }

    private static @Nullable String cookie(@Nullable String header, String name) {
        if (header == null) {
            return null;
        }
        for (String pair : header.split(";")) {
            String[] parts = pair.trim().split("=", 2);
            if (parts.length == 2 && parts[0].equals(name) && !parts[1].isEmpty()) {
                return parts[1];
            }
        }
        return null;
    }

    /** A JSON object body, the query string's arguments when there is none, or the items of a JSON-lines batch. */
    private static void loadBody(ApiCall call, HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String contentType = call.header("content-type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(JSON_LINES)) {
            call.load(Json.object(), jsonLines(new String(body, StandardCharsets.UTF_8)));
        } else if (body.length > 0) {
            call.load(Json.parseObject(body), null);
        } else {
            call.load(queryArguments(exchange.getRequestURI().getRawQuery()), null);
        }
    }

    private static List<ObjectNode> jsonLines(String body) {
        List<ObjectNode> items = new ArrayList<>();
        String[] lines = body.split("\r?\n", -1);
        int count = lines.length > 0 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            JsonNode item;
            try {
                item = Json.MAPPER.readTree(lines[i]);
            } catch (IOException e) {
                throw ApiException.of(400, "Failed to decode JSON object: " + e.getMessage()
                        + " in batch item #" + i);
            }
            if (item == null || !item.isObject()) {
                throw ApiException.of(400, "json lines must contain objects, found: "
                        + (item != null && item.isArray() ? "list" : "str"));
            }
            items.add((ObjectNode) item);
        }
        return items;
    }

    /** Form arguments as the server reads them: numeric strings become numbers, true/false booleans. */
    private static ObjectNode queryArguments(@Nullable String query) {
        ObjectNode data = Json.object();
        if (query == null || query.isEmpty()) {
            return data;
        }
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            String key = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            String value = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
            if (value.matches("\\d+")) {
                data.put(key, Long.parseLong(value));
            } else if (value.matches("\\d*\\.\\d+|\\d+\\.\\d*")) {
                data.put(key, Double.parseDouble(value));
            } else if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                data.put(key, Boolean.parseBoolean(value));
            } else {
                data.put(key, value);
            }
        }
        return data;
    }

    private static void respond(HttpExchange exchange, ApiCall call, @Nullable Endpoint endpoint,
                                @Nullable JsonNode data, @Nullable ApiException error) throws IOException {
        ObjectNode envelope = Json.object();
        envelope.set("meta", meta(call, endpoint, error));
        envelope.set("data", error != null || data == null ? Json.object() : data);
        String token = call.sessionToken();
        if (error == null && token != null) {
            exchange.getResponseHeaders().add("Set-Cookie", SESSION_COOKIE + "=" + token + "; Path=/");
        }
        LoopbackServer.send(exchange, error == null ? 200 : error.code(), "application/json", Json.bytes(envelope));
    }

    private static ObjectNode meta(ApiCall call, @Nullable Endpoint endpoint, @Nullable ApiException error) {
        String id = UUID.randomUUID().toString().replace("-", "");
        String trx = call.clearmlHeader("Trx");
        ObjectNode meta = Json.object().put("id", id).put("trx", trx == null ? id : trx);
        meta.putObject("endpoint").put("name", call.endpoint()).put("requested_version", call.requestedVersion())
                .put("actual_version", endpoint == null ? null : endpoint.minVersion());
        meta.put("result_code", error == null ? 200 : error.code())
                .put("result_subcode", error == null ? 0 : error.subcode())
                .put("result_msg", error == null ? "OK" : error.getMessage());
        meta.putNull("error_stack");
        meta.set("error_data", error == null ? Json.object() : Json.toJson(error.errorData()));
        return meta;
    }
}
