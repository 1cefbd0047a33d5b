package clearml.migrate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The engine's own speed: a plain scroll over every event index, sorted {@code _doc}, bodies only counted. */
final class RawScroll {

    /** What one full scroll read. */
    record Result(long events, long bytes, double seconds) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private RawScroll() {
    }

    static Result all(URI engine) throws IOException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long start = System.nanoTime();
        JsonNode page = post(http, engine.resolve("/events-*/_search?scroll=5m&size=5000"),
                "{\"sort\":[\"_doc\"],\"query\":{\"match_all\":{}}}");
        long events = 0;
        long bytes = 0;
        while (page.path("hits").path("hits").size() > 0) {
            events += page.path("hits").path("hits").size();
            bytes += page.path("bytes").asLong();
            String scrollId = page.path("_scroll_id").asText();
            page = post(http, engine.resolve("/_search/scroll"), "{\"scroll\":\"5m\",\"scroll_id\":\"" + scrollId + "\"}");
        }
        return new Result(events, bytes, (System.nanoTime() - start) / 1e9);
    }

    private static JsonNode post(HttpClient http, URI uri, String body) throws IOException {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode page = JSON.readTree(response.body());
            ((com.fasterxml.jackson.databind.node.ObjectNode) page).put("bytes", response.body().length);
            return page;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
