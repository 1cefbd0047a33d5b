package clearml.sandbox.seed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Writes events to Elasticsearch/OpenSearch with plain HTTP {@code _bulk} requests of a few MB, up to two requests in
 * flight while the next is built, and one {@code _refresh} at the end ({@link #finish}). Periodic refreshes are
 * switched off on each index it creates while it writes, and back to the default at the end, because refreshing every
 * second during a bulk load costs more than the load. Counts what it wrote per index and per event type. Not
 * thread-safe.
 */
final class EventBulkWriter {

    private static final int FLUSH_BYTES = 4 * 1024 * 1024;
    private static final int IN_FLIGHT = 2;

    private final HttpClient http;
    private final URI elastic;
    private final ObjectMapper json;
    private final Map<String, Long> perIndex = new TreeMap<>();
    private final Map<String, Long> perType = new TreeMap<>();
    private ByteArrayOutputStream body = new ByteArrayOutputStream(FLUSH_BYTES + 256 * 1024);
    private final Deque<Request> inFlight = new ArrayDeque<>();
    private final Set<String> unrefreshed = new HashSet<>();

    EventBulkWriter(HttpClient http, URI elastic, ObjectMapper json) {
        this.http = http;
        this.elastic = elastic;
        this.json = json;
    }

    /** Queues one event for index {@code index} with document id {@code id}. */
    void add(String index, String id, ObjectNode event) {
        ObjectNode action = json.createObjectNode();
        action.putObject("index").put("_index", index).put("_id", id);
        try {
            json.writeValue(body, action);
            body.write('\n');
            json.writeValue(body, event);
            body.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (perIndex.merge(index, 1L, Long::sum) == 1L) {
            unrefreshed.add(index);
        }
        perType.merge(event.path("type").asText(), 1L, Long::sum);
        if (body.size() >= FLUSH_BYTES) {
            flush();
        }
    }

    /** Sends what is queued, waits for every request, and refreshes the event indices once. */
    void finish() {
        flush();
        while (!inFlight.isEmpty()) {
            awaitOldest();
        }
        settings("/events-*/_settings", "{\"index\":{\"refresh_interval\":null}}");
        send(HttpRequest.newBuilder(elastic.resolve("/events-*/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    Map<String, Long> perIndex() {
        return Map.copyOf(perIndex);
    }

    Map<String, Long> perType() {
        return Map.copyOf(perType);
    }

    private void flush() {
        if (body.size() == 0) {
            return;
        }
        if (inFlight.size() >= IN_FLIGHT) {
            awaitOldest();
        }
        HttpRequest request = HttpRequest.newBuilder(elastic.resolve("/_bulk"))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        body = new ByteArrayOutputStream(FLUSH_BYTES + 256 * 1024);
        inFlight.add(new Request(http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenAccept(response -> checkBulk(response)), List.copyOf(unrefreshed)));
        unrefreshed.clear();
    }

    /** Waits for the oldest request; then the indices it created exist and can stop refreshing. */
    private void awaitOldest() {
        Request oldest = inFlight.removeFirst();
        try {
            oldest.response().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        if (!oldest.newIndices().isEmpty()) {
            settings("/" + String.join(",", oldest.newIndices()) + "/_settings",
                    "{\"index\":{\"refresh_interval\":\"-1\"}}");
        }
    }

    /** A bulk request on its way, and the indices that first appear in it. */
    private record Request(CompletableFuture<Void> response, List<String> newIndices) {
    }

    private void settings(String path, String json) {
        send(HttpRequest.newBuilder(elastic.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private void send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("seeding events failed: " + request.uri() + " answered "
                        + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + elastic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding events", e);
        }
    }

    /** A bulk request answers 200 even when items fail; its top-level {@code errors} flag tells. */
    private void checkBulk(HttpResponse<java.io.InputStream> response) {
        try (JsonParser parser = json.getFactory().createParser(response.body())) {
            if (response.statusCode() >= 300 || !errorsFlagIsFalse(parser)) {
                throw new IllegalStateException("seeding events failed: _bulk on " + elastic + " answered "
                        + response.statusCode() + " with item errors");
            }
            while (parser.nextToken() != null) {
                parser.skipChildren();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the _bulk answer of " + elastic, e);
        }
    }

    private static boolean errorsFlagIsFalse(JsonParser parser) throws IOException {
        parser.nextToken();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("errors".equals(field)) {
                return value == JsonToken.VALUE_FALSE;
            }
            parser.skipChildren();
        }
        return false;
    }
}
