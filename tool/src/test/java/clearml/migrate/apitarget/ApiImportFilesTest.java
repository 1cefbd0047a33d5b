package clearml.migrate.apitarget;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.archive.ArchiveNaming;
import clearml.migrate.archive.ArtifactsZip;
import clearml.migrate.cli.Environment;
import clearml.migrate.testing.CliRun;
import clearml.sandbox.Sandbox;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.fileserver.FileServerStandIn;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import --api-host} without {@code --artifacts-to} places the archive's {@code .artifacts} files on the
 * server's own file server ({@code CLEARML_FILES_HOST}), with the API's login token: against the sandbox's API and
 * file-server stand-ins (not ClearML's servers), which accept only the API's tokens; {@code undo --api-host}
 * deletes them again.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class ApiImportFilesTest {

    @TempDir
    Path dir;

    @Test
    void placesTheCompanionOnTheServersFileServerWithTheApiToken(@TargetServer Sandbox sandbox,
            @TargetServer ApiStandIn api, @TargetServer FileServerStandIn files) throws IOException {
        StandInTarget.fresh(sandbox, api);
        Path archive = StandInTarget.fixture("clearml-server-2.0.0", dir);
        Environment environment = StandInTarget.environment(api, files);

        CliRun run = CliRun.exactly(environment, "import", archive.toString(), "--api-host", api.url(),
                "--no-progress", "--json");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.json().path("files").asLong()).isPositive();
        try (Stream<Path> placed = Files.walk(files.root())) {
            assertThat(placed.filter(Files::isRegularFile).count()).isEqualTo(run.json().path("files").asLong());
        }
    }

    @Test
    void undoDeletesTheFilesTheImportPlacedButOneItReplacedAndOnesItDidNotPlace(@TargetServer Sandbox sandbox,
            @TargetServer ApiStandIn api, @TargetServer FileServerStandIn files) throws IOException {
        StandInTarget.fresh(sandbox, api);
        Path archive = StandInTarget.fixture("clearml-server-2.0.0", dir);
        List<String> companion = ArtifactsZip.entryNames(ArchiveNaming.artifacts(archive)).stream()
                .filter(name -> !name.endsWith("/")).toList();
        Path unrelated = write(files.root().resolve("other/keep.txt"), "not the import's");
        Path replaced = write(files.root().resolve(companion.get(0)), "there before the import");
        Environment environment = StandInTarget.environment(api, files);
        CliRun imported = CliRun.exactly(environment, "import", archive.toString(), "--api-host", api.url(),
                "--no-progress");
        assertThat(imported.exitCode()).as(imported.output()).isZero();

        CliRun undone = CliRun.exactly(environment, "undo", IdMap.besideArchive(archive).toString(), "--api-host",
                api.url(), "--no-progress", "--json");
        CliRun again = CliRun.exactly(environment, "undo", IdMap.besideArchive(archive).toString(), "--api-host",
                api.url(), "--no-progress", "--json");

        assertThat(undone.exitCode()).as(undone.output()).isEqualTo(1);
        assertThat(undone.json().path("deleted").path("file").asLong()).isEqualTo(companion.size() - 1);
        assertThat(undone.json().path("kept").toString()).contains("file " + companion.get(0) + " on "
                + files.url() + ": it replaced a file already there");
        try (Stream<Path> left = Files.walk(files.root())) {
            assertThat(left.filter(Files::isRegularFile).toList()).containsExactlyInAnyOrder(unrelated, replaced);
        }
        assertThat(again.json().path("deleted").path("file").asLong()).isZero();
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
