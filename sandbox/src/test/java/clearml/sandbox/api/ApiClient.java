package clearml.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** A minimal client of the API stand-in for its tests: raw HTTP, ClearML's envelope taken apart. */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String url;

    ApiClient(String url) {
        this.url = url;
    }

    /** One answer: the HTTP status and the envelope's {@code meta} and {@code data}. */
    record Answer(int status, JsonNode meta, JsonNode data, HttpResponse<String> raw) {

        int code() {
            return meta.path("result_code").asInt();
        }

        int subcode() {
            return meta.path("result_subcode").asInt();
        }

        String message() {
            return meta.path("result_msg").asText();
        }
    }

    String login(Credentials credentials) {
        Answer answer = send("auth.login", "{}", "Authorization", basic(credentials));
        if (answer.status() != 200) {
            throw new IllegalStateException("login failed: " + answer.message());
        }
        return answer.data().path("token").asText();
    }

    static String basic(Credentials credentials) {
        return "Basic " + Base64.getEncoder().encodeToString((credentials.accessKey() + ":" + credentials.secretKey())
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    Answer call(String token, String endpoint, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + token;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send(endpoint, body, all);
    }

    Answer call(String token, String endpoint, ObjectNode body, String... headers) {
        return call(token, endpoint, body.toString(), headers);
    }

    /** {@code events.add_batch} or {@code tasks.update_batch}: one JSON document per line. */
    Answer jsonLines(String token, String endpoint, List<? extends JsonNode> items) {
        StringBuilder body = new StringBuilder();
        items.forEach(item -> body.append(item).append('\n'));
        return send(endpoint, body.toString(), "Authorization", "Bearer " + token,
                "Content-Type", "application/json-lines");
    }

    /** A call with exactly the headers given (alternating name, value). */
    Answer send(String endpoint, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/" + endpoint))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        boolean typed = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (!typed) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode envelope = response.body().startsWith("{") ? JSON.readTree(response.body())
                    : JSON.createObjectNode();
            return new Answer(response.statusCode(), envelope.path("meta"), envelope.path("data"), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
