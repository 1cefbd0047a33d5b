package clearml.sandbox.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** Reads events back from a search engine over plain HTTP, for assertions on what the seeder stored. */
final class StoredEvents {

    /** One stored event: its index, {@code _id} and {@code _source}. */
    record Hit(String index, String id, JsonNode source) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    StoredEvents(URI base) {
        this.base = base;
    }

    /** Every event in {@code events-*}, read with one scroll. */
    List<Hit> all() {
        List<Hit> hits = new ArrayList<>();
        JsonNode page = call("POST", "/events-*/_search?scroll=1m", "{\"size\":2000,\"sort\":[\"_doc\"]}");
        while (page.path("hits").path("hits").size() > 0) {
            page.path("hits").path("hits").forEach(h -> hits.add(new Hit(h.path("_index").asText(),
                    h.path("_id").asText(), h.path("_source"))));
            page = call("POST", "/_search/scroll", "{\"scroll\":\"1m\",\"scroll_id\":\""
                    + page.path("_scroll_id").asText() + "\"}");
        }
        return hits;
    }

    long count(String index) {
        return call("GET", "/" + index + "/_count", null).path("count").asLong();
    }

    void deleteEventIndices() {
        call("DELETE", "/events-*", null);
    }

    private JsonNode call(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
