package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relink} through the REST API is refused before any connection, in one line that says what the API cannot
 * do and what to run instead; no server is needed to show it, so none is started (the address is never called).
 */
class RelinkThroughApiTest {

    @TempDir
    Path home;

    @Test
    void refusesInOneLineNamingWhatTheApiCannotRewriteAndWritesNoJournal() throws Exception {
        CliRun run = CliRun.run(Environment.of(Map.of("HOME", home.toString(), "CLEARML_API_ACCESS_KEY", "KEY",
                "CLEARML_API_SECRET_KEY", "SECRET")), "relink", "--api-host", "http://127.0.0.1:9",
                "--host-source", "http://old:8081", "--host-target", "http://new:8081",
                "--undo-log", home.resolve("relink.undo.jsonl.gz").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("cannot rewrite stored events").contains("--mongo-host");
        try (var files = Files.list(home)) {
            assertThat(files).isEmpty();
        }
    }
}
