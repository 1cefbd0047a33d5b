package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.archive.EntityKind;
import clearml.migrate.testing.CliRun;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.SearchEngine;
import clearml.sandbox.junit.SearchEngineTest;
import clearml.sandbox.seed.SeedReport;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event half of {@code export} on both engines ClearML runs on: each engine is seeded with the same server
 * state (Mongo in the sandbox, events in the engine under test) and exported through the command line.
 */
@ExtendWith(SandboxExtension.class)
class ExportEventsEngineTest {

    private final Sandbox sandbox;

    @TempDir
    Path out;

    ExportEventsEngineTest(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @SearchEngineTest
    void exportsEveryTaskAndModelEventWithPlotsDecompressed(SearchEngine engine) throws Exception {
        SeedReport seed = seed(engine);
        String main = seed.companies().get(0);
        String vision = seed.rootProjects().get(main).get(0);

        CliRun run = CliRun.run("export", "--mongo-host", sandbox.mongoUri(), "--elastic-host",
                engine.uri().toString(), "--no-progress", "--output", out.toString(), "--projects", vision,
                "--experiments", seed.publicTaskId());

        assertThat(run.exitCode()).as(run.output()).isZero();
        ClearmlImportRules.Archive archive = ClearmlImportRules.accept(ExportCommandTest.single(out));
        for (String task : archive.ids(EntityKind.TASK)) {
            assertThat(archive.events(task)).as("events of %s", task)
                    .hasSize(SearchCount.of(engine.uri(), "events-*-" + main, task));
        }
        assertThat(archive.events(seed.publicTaskId())).isNotEmpty();
        List<ObjectNode> plots = archive.events(seed.publicTaskId()).stream()
                .filter(event -> event.path("type").asText().equals("plot")).toList();
        assertThat(plots).isNotEmpty().allSatisfy(plot -> assertThat(plot.has("plot_data")).isFalse())
                .anySatisfy(plot -> assertThat(plot.path("plot_str").asText().length()).isGreaterThan(100_000));
        assertThat(archive.events(seed.standaloneModelId()))
                .hasSize(SearchCount.of(engine.uri(), "events-*-" + main, seed.standaloneModelId()))
                .isNotEmpty();
        String distribution = archive.metadata().path("clearml_migrate").path("source").path("search_engine")
                .path("distribution").asText();
        assertThat(distribution).isEqualTo(engine.name().startsWith("opensearch") ? "opensearch" : "elasticsearch");
    }

    /** A fresh sandbox Mongo, and the engine under test holding only this seed's events. */
    private SeedReport seed(SearchEngine engine) throws IOException, InterruptedException {
        sandbox.reset();
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(engine.uri().resolve("/events-*")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
        return new Seeder().seed(sandbox.mongoUri(), engine.uri(), sandbox.fileserverDir(), sandbox.fileserverUrl(),
                SeedSize.small());
    }
}
