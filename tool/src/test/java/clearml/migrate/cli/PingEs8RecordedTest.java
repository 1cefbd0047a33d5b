package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.events.RecordedEngine;
import clearml.migrate.testing.CliRun;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code clearml-migrate ping} with the sandbox's MongoDB and an Elasticsearch 8 whose answers are <b>recorded, not
 * live</b> (no ES 8 node runs here; {@link RecordedEngine} serves the ES 8.15 shapes in
 * {@code src/test/resources/clearml/migrate/events/es8/}).
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class PingEs8RecordedTest {

    @Test
    void describesAnElasticsearch8Cluster(Sandbox sandbox) throws IOException {
        new Seeder().seed(sandbox, SeedSize.named("small"));
        try (RecordedEngine es8 = new RecordedEngine()
                .on("GET", "/", "info.json")
                .on("GET", "/_cat/indices/events-*", "cat-indices.json")) {
            CliRun text = CliRun.run("ping", "--mongo-host", sandbox.mongoUri(), "--elastic-host", es8.uri().toString());
            CliRun json = CliRun.run("ping", "--mongo-host", sandbox.mongoUri(), "--elastic-host", es8.uri().toString(),
                    "--json");

            assertThat(text.exitCode()).as(text.err()).isZero();
            assertThat(text.out()).contains("Search engine     elasticsearch 8.15.3")
                    .contains("Event indices     3, 1,253 events");
            JsonNode report = new ObjectMapper().readTree(json.out());
            assertThat(report.path("engine").path("version").asText()).isEqualTo("8.15.3");
            assertThat(report.path("eventIndices").findValuesAsText("name")).containsExactly(
                    "events-log-d1bd92a3b039400cbafc60a7a5b1e52b", "events-plot-d1bd92a3b039400cbafc60a7a5b1e52b",
                    "events-training_stats_scalar-d1bd92a3b039400cbafc60a7a5b1e52b");
        }
    }
}
