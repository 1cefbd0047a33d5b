package clearml.migrate.relinking;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.SearchEngine;
import clearml.sandbox.junit.SearchEngineTest;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code clearml-migrate relink} on a seeded sandbox, once per search engine: every URL place in MongoDB and in
 * the events is rewritten, as counted beforehand by {@link StoredLinks}, and a second run changes nothing.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class RelinkCommandTest {

    private static final String OLD = Sandbox.SOURCE_FILESERVER_URL;
    private static final String NEW = "https://files.new-host.io";

    @SearchEngineTest
    void rewritesEveryUrlPlaceAndASecondRunChangesNothing(Sandbox sandbox, SearchEngine engine) {
        SeededServer server = SeededServer.seed(sandbox, engine);
        trashOneTask(server.mongoUri());
        Map<String, Long> before = server.links().totals(OLD, found -> true);

        RelinkRun first = server.relink("--host-source", OLD, "--host-target", NEW);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(before.keySet()).as("the seed fills every place").extracting(key -> key.substring(key.indexOf(' ') + 1))
                .contains("project.description", "project.default_output_destination", "model.uri",
                        "task.execution.artifacts.*.uri", "task.output.destination", "task.report",
                        "task.report_assets[]", "event.training_debug_image.url", "event.plot.plot_str",
                        "event.plot.plot_data", "event.plot.source_urls[]");
        assertThat(before.keySet()).anyMatch(key -> key.startsWith("backend.task__trash "));
        assertThat(first.urlsBySourceAndPlace()).isEqualTo(before);
        assertThat(server.links().find(OLD)).isEmpty();
        assertThat(server.links().totals(NEW, found -> true)).isEqualTo(before);

        RelinkRun second = server.relink("--host-source", OLD, "--host-target", NEW);

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.totalUrls()).isZero();
        assertThat(second.totalChanged()).isZero();
    }

    @SearchEngineTest
    void dryRunWritesNothingAndCountsWhatTheRunThenChanges(Sandbox sandbox, SearchEngine engine) {
        SeededServer server = SeededServer.seed(sandbox, engine);
        Map<String, String> stored = server.links().snapshot();

        RelinkRun dry = server.relink("--host-source", OLD, "--host-target", NEW, "--dry-run");

        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.err()).doesNotContain("undo journal");
        assertThat(dry.report().path("dryRun").asBoolean()).isTrue();
        assertThat(server.links().snapshot()).isEqualTo(stored);
        RelinkRun real = server.relink("--host-source", OLD, "--host-target", NEW);
        assertThat(real.err()).contains("(to take this back: clearml-migrate undo ");
        assertThat(dry.totalUrls()).isPositive();
        assertThat(dry.urlsBySourceAndPlace()).isEqualTo(real.urlsBySourceAndPlace());
        assertThat(dry.totalChanged()).isEqualTo(real.totalChanged());
        assertThat(dry.report().path("samples")).isNotEmpty().allSatisfy(sample -> {
            assertThat(sample.path("before").asText()).contains(OLD);
            assertThat(sample.path("after").asText()).contains(NEW).doesNotContain(OLD);
        });
    }

    /** Deleted tasks keep their links in {@code task__trash} (data model §7.4). */
    private static void trashOneTask(String mongoUri) {
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoDatabase backend = client.getDatabase("backend");
            Document task = backend.getCollection("task").find(new Document("report_assets.0", new Document("$exists", true)))
                    .first();
            task.put("_id", task.getString("_id") + "-trashed");
            backend.getCollection("task__trash").insertOne(task);
        }
    }
}
