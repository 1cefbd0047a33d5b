package clearml.migrate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Puts an event straight into an engine, as another writer would, for tests that need target state. */
final class TestEvents {

    private TestEvents() {
    }

    static void index(URI engine, String index, String id, String json) {
        try {
            HttpRequest request = HttpRequest.newBuilder(engine.resolve("/" + index + "/_doc/" + id + "?refresh=true"))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
