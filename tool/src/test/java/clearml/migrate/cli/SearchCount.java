package clearml.migrate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Counts stored events of one task with a plain HTTP {@code _count}: the tests' own oracle, not the tool's code. */
final class SearchCount {

    private SearchCount() {
    }

    static int of(URI engine, String indices, String taskId) {
        String body = "{\"query\":{\"term\":{\"task\":\"" + taskId + "\"}}}";
        HttpRequest request = HttpRequest.newBuilder(engine.resolve("/" + indices + "/_count"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            refresh(engine, indices);
            String response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
            return new ObjectMapper().readTree(response).path("count").asInt(-1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void refresh(URI engine, String indices) throws IOException, InterruptedException {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(engine.resolve("/" + indices + "/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }
}
