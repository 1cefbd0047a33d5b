package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.importing.SmallArchive;
import clearml.migrate.importing.TargetState;
import clearml.migrate.importing.TestArchive;
import clearml.migrate.testing.CliRun;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A bad archive is refused with one clear line and a non-zero exit before anything is written. */
@ExtendWith(SandboxExtension.class)
@FreshStores
class ImportValidationTest {

    private static final String COMPANY = "c0mpany0000000000000000000000002";

    /** The target is a ClearML server that has started once: import refuses a MongoDB without its database. */
    @BeforeEach
    void serverStartedOnce(@TargetServer Sandbox target) {
        FreshServer.initialize(target.mongoUri(), COMPANY, "target");
    }

    static Stream<Arguments> badArchives() {
        return Stream.of(
                Arguments.of("a corrupt zip", "not a readable zip", (Function<Path, Path>) dir -> {
                    Path good = SmallArchive.write(dir);
                    try {
                        byte[] bytes = Files.readAllBytes(good);
                        return Files.write(dir.resolve("truncated.zip"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }),
                Arguments.of("a pretty-printed task", "one JSON document per line", (Function<Path, Path>) dir ->
                        SmallArchive.builder().raw("database.model.task.task.Task.json",
                                "[\n{\"_id\": \"t1\",\n \"name\": \"pretty\"}\n]").writeTo(dir, "pretty.zip")),
                Arguments.of("an unknown entry", "unknown entry", (Function<Path, Path>) dir ->
                        SmallArchive.builder().raw("README.md", "hello").writeTo(dir, "extra.zip")),
                Arguments.of("a document without _id", "no _id", (Function<Path, Path>) dir ->
                        SmallArchive.builder().lines("database.model.model.Model.json",
                                List.of("{\"name\": \"nameless\"}")).writeTo(dir, "noid.zip")),
                Arguments.of("an event of an unknown type", "event 2: Unknown ClearML event type 'audio'", (Function<Path, Path>) dir ->
                        SmallArchive.builder().events(SmallArchive.SUB_TASK,
                                "{\"task\":\"" + SmallArchive.SUB_TASK + "\",\"type\":\"training_stats_scalar\",\"iter\":0}",
                                "{\"task\":\"" + SmallArchive.SUB_TASK + "\",\"type\":\"audio\",\"iter\":0}")
                                .writeTo(dir, "badevent.zip")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArchives")
    void refusesWithOneLineAndWritesNothing(String what, String expectedMessage, Function<Path, Path> archive,
            @TargetServer Sandbox target, @TempDir Path dir) {
        CliRun run = CliRun.run("import", archive.apply(dir).toString(), "--company", COMPANY, "--user", "someone",
                "--mongo-host", target.mongoUri(), "--elastic-host", target.elasticUri().toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.output()).isEqualTo(4);
        assertThat(run.err().strip()).doesNotContain("\n").contains(expectedMessage);
        TargetState state = TargetState.of(target.mongoUri(), target.elasticUri(), COMPANY);
        assertThat(state.collections().values()).allSatisfy(docs -> assertThat(docs).isEmpty());
        assertThat(state.events()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theTestArchiveItselfImports(@TargetServer Sandbox target, @TempDir Path dir) {
        TestArchive archive = SmallArchive.builder();
        CliRun run = CliRun.run("import", archive.writeTo(dir, "ok.zip").toString(), "--company", COMPANY,
                "--mongo-host", target.mongoUri(), "--elastic-host", target.elasticUri().toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.output()).isZero();
    }
}
