package clearml.migrate.relinking;

import clearml.sandbox.EventTemplates;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SearchEngine;
import clearml.sandbox.seed.SeedReport;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A freshly seeded ClearML server: the sandbox's MongoDB (reset by {@code @FreshStores}) with the events on the
 * engine under test, emptied first, since the Elasticsearch 7 node is shared and no reset reaches it.
 */
record SeededServer(String mongoUri, URI elasticUri, SeedReport seeded) {

    static SeededServer seed(Sandbox sandbox, SearchEngine engine) {
        if (!engine.uri().equals(sandbox.elasticUri())) {
            deleteEvents(engine.uri());
            EventTemplates.install(engine.uri());
        }
        SeedReport seeded = new Seeder().seed(sandbox.mongoUri(), engine.uri(), sandbox.fileserverDir(),
                Sandbox.SOURCE_FILESERVER_URL, SeedSize.small());
        return new SeededServer(sandbox.mongoUri(), engine.uri(), seeded);
    }

    static SeededServer seed(Sandbox sandbox) {
        SeedReport seeded = new Seeder().seed(sandbox, SeedSize.small());
        return new SeededServer(sandbox.mongoUri(), sandbox.elasticUri(), seeded);
    }

    StoredLinks links() {
        return new StoredLinks(mongoUri, elasticUri);
    }

    /** {@code clearml-migrate relink} against this server with the given flags. */
    RelinkRun relink(String... flags) {
        List<String> args = new ArrayList<>(List.of("--mongo-host", mongoUri, "--elastic-host", elasticUri.toString(),
                "--json"));
        args.addAll(List.of(flags));
        return RelinkRun.run(args);
    }

    private static void deleteEvents(URI engine) {
        try {
            HttpRequest delete = HttpRequest.newBuilder(engine.resolve("/events-*")).DELETE().build();
            HttpClient.newHttpClient().send(delete, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
