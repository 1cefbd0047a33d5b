package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.testing.CliRun;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command-line contract of design.md §2: verbs, flags, help and version. */
class CommandContractTest {

    private static final String[] CONNECTION_FLAGS = {"--mongo-host", "--mongo-user", "--mongo-password-file",
        "--mongo-password", "--elastic-host", "--elastic-user", "--elastic-password-file", "--elastic-password"};

    @Test
    void helpListsEveryCommand() {
        CliRun run = CliRun.run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("export", "import", "relink", "inspect", "verify", "undo", "ping",
                "--version", "--debug");
    }

    @Test
    void versionNamesTheProjectVersionAndJava() {
        CliRun run = CliRun.run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("clearml-migrate \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?")
                .contains("Java " + System.getProperty("java.version"));
    }

    static Stream<Arguments> flagsOfEachCommand() {
        return Stream.of(
                Arguments.of("export", new String[] {"--projects", "--all", "--experiments", "--statuses",
                    "--no-events", "--output", "--company", "--include-archived", "--users", "--with-credentials",
                    "--artifacts-from", "--fileserver-url", "--split-projects", "--url-map", "--json"}, true),
                Arguments.of("import", new String[] {"FILE.zip", "--company", "--user", "--dry-run", "--on-conflict",
                    "--on-project-name", "--new-ids", "--users", "--artifacts-to", "--url-map", "--json"}, true),
                Arguments.of("relink", new String[] {"--host-source", "--host-target", "--dry-run", "--company",
                    "--json"}, true),
                Arguments.of("inspect", new String[] {"FILE.zip", "--json"}, false),
                Arguments.of("verify", new String[] {"FILE.zip", "--company", "--json"}, true),
                Arguments.of("undo", new String[] {"JOURNAL", "--dry-run", "--force", "--json"}, true),
                Arguments.of("ping", new String[] {"--json"}, true));
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("flagsOfEachCommand")
    void helpOfEachCommandListsItsFlags(String command, String[] flags, boolean touchesServer) {
        CliRun run = CliRun.run(command, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(flags).contains("--debug", "--help");
        if (touchesServer) {
            assertThat(run.out()).contains(CONNECTION_FLAGS).contains("CLEARML_MIGRATE_MONGO_PASSWORD");
        } else {
            assertThat(run.out()).doesNotContain("--mongo-host");
        }
    }

    @Test
    void unknownFlagExitsTwoWithOneLine() {
        CliRun run = CliRun.run("ping", "--mongo-hots", "mongodb://x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("clearml-migrate: Unknown option").contains("--mongo-hots", "clearml-migrate ping --help");
    }

    @Test
    void exportNeedsExactlyOneSelection() {
        assertThat(CliRun.run("export").exitCode()).isEqualTo(2);
        CliRun both = CliRun.run("export", "--all", "--projects", "p1");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err().lines()).singleElement().asString().contains("mutually exclusive");
    }

    @Test
    void importRefusesAnUnknownConflictPolicy() {
        CliRun run = CliRun.run("import", "a.zip", "--on-conflict", "ignore");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly(
                "clearml-migrate: --on-conflict 'ignore' is not one of overwrite, skip, fail");
    }

    @Test
    void noCommandExitsTwo() {
        CliRun run = CliRun.run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains("missing a command");
    }
}
