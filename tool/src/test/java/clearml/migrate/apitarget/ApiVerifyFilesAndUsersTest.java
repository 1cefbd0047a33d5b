package clearml.migrate.apitarget;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.cli.Environment;
import clearml.migrate.importing.SmallArchive;
import clearml.migrate.testing.CliRun;
import clearml.sandbox.Sandbox;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.fileserver.FileServerStandIn;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify --api-host} looks, as the direct verify does, for every file of the archive's {@code .artifacts}
 * companion on the server's file server and, with {@code --users}, for every archived user among the server's
 * users: against the sandbox's API and file-server stand-ins (not ClearML's servers).
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class ApiVerifyFilesAndUsersTest {

    @TempDir
    Path dir;

    @Test
    void aPlacedFileGoneFromTheServersFileServerIsADifference(@TargetServer Sandbox sandbox,
            @TargetServer ApiStandIn api, @TargetServer FileServerStandIn files) throws IOException {
        StandInTarget.fresh(sandbox, api);
        Path archive = StandInTarget.fixture("clearml-server-2.0.0", dir);
        Environment environment = StandInTarget.environment(api, files);
        CliRun imported = CliRun.exactly(environment, "import", archive.toString(), "--api-host", api.url(),
                "--no-progress");
        assertThat(imported.exitCode()).as(imported.output()).isZero();

        CliRun equal = verify(environment, api, archive.toString());
        Path gone = placedFiles(files).get(0);
        Files.delete(gone);
        CliRun missing = verify(environment, api, archive.toString());

        assertThat(equal.exitCode()).as(equal.output()).isZero();
        assertThat(equal.json().path("files").asLong()).isEqualTo(placedFiles(files).size() + 1);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(differences(missing)).containsExactly("file " + files.root().relativize(gone).toString()
                .replace('\\', '/') + ": missing from " + files.url());
    }

    @Test
    void withUsersAnArchivedUserTheServerDoesNotHaveIsNamed(@TargetServer Sandbox sandbox,
            @TargetServer ApiStandIn api, @TargetServer FileServerStandIn files) {
        StandInTarget.fresh(sandbox, api);
        Path archive = SmallArchive.builder().raw("users.json", "{\n\"auth\": [\n"
                + "{\"_id\": \"u-dana\", \"name\": \"Dana\", \"role\": \"user\", \"company\": \"\"},\n"
                + "{\"_id\": \"u-eli\", \"name\": \"Eli\", \"role\": \"user\", \"company\": \"\"}\n],\n"
                + "\"backend\": [\n{\"_id\": \"u-dana\", \"company\": \"\", \"name\": \"Dana\"},\n"
                + "{\"_id\": \"u-eli\", \"company\": \"\", \"name\": \"Eli\"}\n]\n}").writeTo(dir, "users.zip");
        try (MongoClient mongo = MongoClients.create(sandbox.mongoUri())) {
            mongo.getDatabase("backend").getCollection("user").insertOne(new Document("_id", "u-dana")
                    .append("name", "Dana").append("company", FreshServer.DEFAULT_COMPANY));
        }
        Environment environment = StandInTarget.environment(api, files);
        CliRun imported = CliRun.exactly(environment, "import", archive.toString(), "--api-host", api.url(),
                "--no-progress");
        // 1: the read-back lists the one field the API cannot set here (a last_iteration above the events').
        assertThat(imported.exitCode()).as(imported.output()).isEqualTo(1);

        CliRun verified = verify(environment, api, archive.toString(), "--users");

        assertThat(verified.exitCode()).isEqualTo(1);
        assertThat(verified.json().path("users").asLong()).isEqualTo(2);
        assertThat(differences(verified)).filteredOn(line -> line.startsWith("user "))
                .containsExactly("user u-eli: missing from the server's users (create it there: the API creates no"
                        + " users)");
    }

    private static CliRun verify(Environment environment, ApiStandIn api, String... args) {
        String[] all = Stream.concat(Stream.of("verify"), Stream.concat(Stream.of(args),
                Stream.of("--api-host", api.url(), "--no-progress", "--json"))).toArray(String[]::new);
        return CliRun.exactly(environment, all);
    }

    private static List<String> differences(CliRun run) {
        List<String> lines = new ArrayList<>();
        run.json().path("differences").forEach(d -> lines.add(d.path("kind").asText() + " " + d.path("id").asText()
                + ": " + d.path("detail").asText()));
        return lines;
    }

    private static List<Path> placedFiles(FileServerStandIn files) throws IOException {
        try (Stream<Path> placed = Files.walk(files.root())) {
            return placed.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
