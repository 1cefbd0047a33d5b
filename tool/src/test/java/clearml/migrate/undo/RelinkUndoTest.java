package clearml.migrate.undo;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.failures.ExitCode;
import clearml.migrate.testing.CliRun;
import clearml.migrate.testing.StoreSnapshot;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.SearchEngine;
import clearml.sandbox.junit.SearchEngineTest;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code relink} writes a journal as it goes, and {@code undo} puts back every URL it rewrote, on both engines. */
@ExtendWith(SandboxExtension.class)
@FreshStores
class RelinkUndoTest {

    private static final String NEW_HOST = "https://files.elsewhere:8443";

    @TempDir
    Path dir;

    @SearchEngineTest
    void undoPutsBackEveryRelinkedUrlInDocumentsAndEvents(Sandbox sandbox, SearchEngine engine) throws IOException {
        try (TestStores stores = TestStores.seed(sandbox, engine, Files.createDirectories(dir.resolve("files")))) {
            StoreSnapshot before = stores.snapshot();
            CliRun relink = stores.relink("--host-source", Sandbox.TARGET_FILESERVER_URL, "--host-target",
                    NEW_HOST, "--undo-log", journal().toString());
            assertThat(relink.exitCode()).as(relink.err()).isZero();
            StoreSnapshot relinked = stores.snapshot();
            assertThat(relinked.documents()).isNotEqualTo(before.documents());
            assertThat(relinked.events()).isNotEqualTo(before.events());

            CliRun undo = stores.undo(journal());
            CliRun again = stores.undo(journal());

            assertThat(undo.exitCode()).as(undo.err()).isZero();
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(stores.snapshot()).isEqualTo(before);
            assertThat(undo.out()).startsWith("Undid the relink of").contains("(finished)")
                    .doesNotContainPattern("Fields restored +0\\b").doesNotContainPattern("Event fields restored +0\\b");
        }
    }

    @SearchEngineTest
    void refusesAUrlChangedSinceTheRelink(Sandbox sandbox, SearchEngine engine) {
        try (TestStores stores = TestStores.seed(sandbox, engine, dir)) {
            stores.relink("--host-source", Sandbox.TARGET_FILESERVER_URL, "--host-target", NEW_HOST, "--undo-log",
                    journal().toString());
            Document task = stores.backend().getCollection("task").find(Filters.regex("output.destination", "^" + NEW_HOST))
                    .first();
            stores.backend().getCollection("task").updateOne(Filters.eq("_id", task.get("_id")),
                    Updates.set("output.destination", "s3://bucket/moved-by-hand"));
            StoreSnapshot changed = stores.snapshot();

            CliRun undo = stores.undo(journal());

            assertThat(undo.exitCode()).isEqualTo(ExitCode.CONFLICT.code());
            assertThat(undo.err()).contains("changed since the relink")
                    .contains("backend.task '" + task.get("_id") + "', field output.destination changed since the command");
            assertThat(stores.snapshot()).isEqualTo(changed);
        }
    }

    private Path journal() {
        return dir.resolve("relink.undo.jsonl.gz");
    }
}
