package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.testing.CliRun;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.seed.SeedReport;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code clearml-migrate ping} against the sandbox's ClearML-shaped stores. */
@ExtendWith(SandboxExtension.class)
@FreshStores
class PingSandboxTest {

    @Test
    void reportsTheSeededServer(Sandbox sandbox) throws IOException {
        SeedReport seeded = new Seeder().seed(sandbox, SeedSize.named("small"));

        CliRun run = CliRun.run("ping", "--mongo-host", sandbox.mongoUri(), "--elastic-host",
                sandbox.elasticUri().toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        // A v2.x server's newest migration record is 1.9.0 (data model §8.2).
        assertThat(report.path("schemaVersion").asText()).isEqualTo("1.9.0");
        assertThat(report.path("companies").findValuesAsText("id"))
                .containsExactlyInAnyOrderElementsOf(seeded.companies());
        assertThat(report.path("companies").findValues("id")).hasSize((int) (long) seeded.documents()
                .get("backend.company"));
        assertThat(report.path("engine").path("distribution").asText()).isEqualTo("opensearch");
        assertThat(report.path("engine").path("version").asText()).startsWith("2.19.");
        Map<String, Long> counts = new TreeMap<>();
        report.path("eventIndices").forEach(index -> counts.put(index.path("name").asText(), index.path("docs").asLong()));
        assertThat(counts).isEqualTo(new TreeMap<>(seeded.eventsByIndex()));
        assertThat(run.err()).isEmpty();
    }

    @Test
    void rendersTheSameAsText(Sandbox sandbox) {
        SeedReport seeded = new Seeder().seed(sandbox, SeedSize.named("small"));

        CliRun run = CliRun.run("ping", "--mongo-host", sandbox.mongoUri(), "--elastic-host",
                sandbox.elasticUri().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("ClearML schema +1\\.9\\.0")
                .containsPattern("Search engine +opensearch 2\\.19\\.")
                .contains(seeded.companies().get(0) + "  clearml")
                .contains(String.format("Event indices     %d, %,d events", seeded.eventsByIndex().size(), seeded.events()));
    }

    @Test
    void reportsWhatTheMongodbServerSaysItCanDo(Sandbox sandbox) throws IOException {
        new Seeder().seed(sandbox, SeedSize.named("small"));

        CliRun json = CliRun.run("ping", "--mongo-host", sandbox.mongoUri(), "--elastic-host",
                sandbox.elasticUri().toString(), "--json");
        CliRun text = CliRun.run("ping", "--mongo-host", sandbox.mongoUri(), "--elastic-host",
                sandbox.elasticUri().toString());

        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(json.out());
        JsonNode can = report.path("mongoCapabilities");
        // mongo-java-server: no hello, no sessions, a standalone server (test-infra.md §1)
        assertThat(can.path("handshake").asText()).isEqualTo("isMaster");
        assertThat(can.path("topology").asText()).isEqualTo("STANDALONE");
        assertThat(can.path("sessions").asBoolean(true)).isFalse();
        assertThat(can.path("transactions").asBoolean(true)).isFalse();
        assertThat(can.path("maxBsonObjectSize").asInt()).isEqualTo(16 * 1024 * 1024);
        assertThat(can.path("version").asText()).isEqualTo(report.path("mongoVersion").asText()).isNotEmpty();
        assertThat(text.out()).containsPattern("  deployment +standalone, wire version \\d+, answers isMaster")
                .contains("  supports        sessions no, transactions no, update pipelines ")
                .contains("  limits          16,777,216-byte documents, ");
    }

    @Test
    void refusesAnEmptyServer(Sandbox sandbox) {
        CliRun run = CliRun.run("ping", "--mongo-host", sandbox.mongoUri(), "--elastic-host",
                sandbox.elasticUri().toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().lines()).singleElement().asString().contains("holds no ClearML data");
    }
}
