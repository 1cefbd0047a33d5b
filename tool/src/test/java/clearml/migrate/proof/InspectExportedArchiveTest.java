package clearml.migrate.proof;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.testing.CliRun;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.seed.SeedReport;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What our own export writes passes inspect: model events (which the exporter adds beyond ClearML's data tool,
 * data model §2.6) and the users.json document count recorded in metadata.json are not problems.
 */
@ExtendWith(SandboxExtension.class)
class InspectExportedArchiveTest {

    @Test
    void anArchiveWithModelEventsAndUsersFromOurExportHasNoProblems(Sandbox source, @TempDir Path out)
            throws IOException {
        source.reset();
        SeedReport seed = new Seeder().seed(source, SeedSize.small());
        CliRun export = CliRun.run("export", "--all", "--company", seed.companies().get(0), "--users",
                "--statuses", "created", "stopped", "published", "completed", "--include-archived",
                "--output", out.resolve("all.zip").toString(), "--no-progress",
                "--mongo-host", source.mongoUri(), "--elastic-host", source.elasticUri().toString());
        assertThat(export.exitCode()).as(export.output()).isZero();

        CliRun inspect = CliRun.run("inspect", archive(out).toString(), "--json");

        assertThat(inspect.exitCode()).as(inspect.output()).isZero();
        assertThat(inspect.json().path("problems")).as(inspect.out()).isEmpty();
        assertThat(inspect.json().path("users")).hasSize(3);
    }

    private static Path archive(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
        }
    }
}
