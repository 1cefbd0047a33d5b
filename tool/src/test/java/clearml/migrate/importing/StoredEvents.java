package clearml.migrate.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Reads events back from an engine over plain HTTP, for assertions; independent of the tool's events package. */
public final class StoredEvents {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private StoredEvents() {
    }

    /** One stored event: its index, id and source. */
    public record Stored(String index, String id, ObjectNode source) {
    }

    /** Every event in {@code events-*-<company lower>}, keyed by id (at most 10 000). */
    public static Map<String, Stored> of(URI engine, String company) {
        String pattern = "events-*-" + company.toLowerCase(java.util.Locale.ROOT);
        send(engine, "POST", "/" + pattern + "/_refresh?ignore_unavailable=true&allow_no_indices=true", null);
        JsonNode result = send(engine, "POST", "/" + pattern
                + "/_search?size=10000&ignore_unavailable=true&allow_no_indices=true", "{\"query\":{\"match_all\":{}}}");
        Map<String, Stored> events = new TreeMap<>();
        for (JsonNode hit : result.path("hits").path("hits")) {
            events.put(hit.get("_id").asText(), new Stored(hit.get("_index").asText(), hit.get("_id").asText(),
                    (ObjectNode) hit.get("_source")));
        }
        return events;
    }

    /**
     * The {@code _seq_no} of every event in {@code events-*-<company lower>}, keyed by index and id (at most
     * 10 000): it moves whenever the engine writes the event, even with the same source.
     */
    public static Map<String, Long> seqNos(URI engine, String company) {
        String pattern = "events-*-" + company.toLowerCase(java.util.Locale.ROOT);
        send(engine, "POST", "/" + pattern + "/_refresh?ignore_unavailable=true&allow_no_indices=true", null);
        JsonNode result = send(engine, "POST", "/" + pattern + "/_search?size=10000&seq_no_primary_term=true"
                + "&ignore_unavailable=true&allow_no_indices=true", "{\"query\":{\"match_all\":{}}}");
        Map<String, Long> seqNos = new TreeMap<>();
        for (JsonNode hit : result.path("hits").path("hits")) {
            seqNos.put(hit.get("_index").asText() + "/" + hit.get("_id").asText(), hit.get("_seq_no").asLong());
        }
        return seqNos;
    }

    /** Deletes one event and makes the deletion visible. */
    public static void delete(URI engine, String index, String id) {
        send(engine, "DELETE", "/" + index + "/_doc/" + id + "?refresh=true", null);
    }

    /** Replaces one event's source and makes it visible. */
    public static void put(URI engine, String index, String id, ObjectNode source) {
        send(engine, "PUT", "/" + index + "/_doc/" + id + "?refresh=true", source.toString());
    }

    /** Deletes every event index of {@code company}: engines shared between tests start each test clean. */
    public static void deleteAll(URI engine, String company) {
        send(engine, "DELETE", "/events-*-" + company.toLowerCase(java.util.Locale.ROOT)
                + "?ignore_unavailable=true&allow_no_indices=true", null);
    }

    private static JsonNode send(URI engine, String method, String path, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(engine.resolve(path)).header("Content-Type",
                    "application/json");
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return ArchiveLines.JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
