package clearml.migrate.apitarget;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.cli.Environment;
import clearml.migrate.failures.ExitCode;
import clearml.migrate.testing.CliRun;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Flags whose meaning the REST API cannot honour stop {@code import --api-host} with one line before anything is
 * read or sent (no server is needed: the address is never called).
 */
class ApiImportFlagsTest {

    private static final Environment KEYS = Environment.of(Map.of("CLEARML_API_ACCESS_KEY", "AK",
            "CLEARML_API_SECRET_KEY", "never-printed-secret"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--users                          | --users cannot be used with --api-host",
        "--on-project-name=rename-existing | --on-project-name rename-existing cannot be used with --api-host",
        "--artifacts-layout=enterprise     | --artifacts-layout enterprise cannot be used with --api-host"})
    void refusesWithOneLine(String flag, String message) {
        Path archive = StandInTarget.FIXTURES.resolve("clearml-server-2.0.0")
                .resolve("export_266d8328c48582c738a86fd239c4a420.zip");

        CliRun run = CliRun.exactly(KEYS, "import", archive.toString(), "--api-host", "http://127.0.0.1:9", flag,
                "--company", "c1", "--no-progress");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.oneErrorLine()).startsWith("clearml-migrate: " + message);
        assertThat(run.output()).doesNotContain("never-printed-secret");
        assertThat(IdMap.besideArchive(archive)).doesNotExist();
    }
}
