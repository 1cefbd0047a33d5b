package clearml.migrate.undo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.failures.ExitCode;
import clearml.migrate.progress.Progress;
import clearml.migrate.testing.CliRun;
import clearml.migrate.testing.StoreSnapshot;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.SearchEngine;
import clearml.sandbox.junit.SearchEngineTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clearml-migrate undo} against real stores, on both search engines: a journalled import and relink made by
 * hand ({@link HandImport}), then undone through the command line, comparing the complete store contents.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class UndoSandboxTest {

    @TempDir
    Path dir;

    @SearchEngineTest
    void putsBackEveryDocumentEventAndFileExactly(Sandbox sandbox, SearchEngine engine) throws IOException {
        try (TestStores stores = TestStores.seed(sandbox, engine, Files.createDirectories(dir.resolve("files")))) {
            StoreSnapshot before = stores.snapshot();
            HandImport imported = HandImport.run(stores, journal(), true);
            assertThat(stores.snapshot()).as("the hand import changed every store")
                    .satisfies(after -> assertThat(after.documents()).isNotEqualTo(before.documents()))
                    .satisfies(after -> assertThat(after.events()).isNotEqualTo(before.events()))
                    .satisfies(after -> assertThat(after.files()).isNotEqualTo(before.files()));

            CliRun run = stores.undo(journal(), "--json");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(stores.snapshot()).isEqualTo(before);
            JsonNode report = new ObjectMapper().readTree(run.out());
            assertThat(report.path("command").asText()).isEqualTo("import");
            assertThat(report.path("committed").asBoolean()).isTrue();
            assertThat(report.path("truncated").asBoolean()).isFalse();
            JsonNode steps = report.path("steps");
            assertThat(steps.path("documentsDeleted").asLong()).isEqualTo(3);
            assertThat(steps.path("documentsRestored").asLong()).isEqualTo(2);
            assertThat(steps.path("fieldsRestored").asLong()).isEqualTo(1);
            assertThat(steps.path("eventsRestored").asLong()).isEqualTo(imported.eventsDeleted).isPositive();
            assertThat(steps.path("eventsDeleted").asLong()).isEqualTo(imported.eventsCreated).isEqualTo(2);
            assertThat(steps.path("tasksEventsDeleted").asLong()).isEqualTo(1);
            assertThat(steps.path("eventFieldsRestored").asLong()).isEqualTo(1);
            assertThat(steps.path("filesDeleted").asLong()).isEqualTo(1);
            assertThat(steps.path("filesRestored").asLong()).isEqualTo(1);
        }
    }

    @SearchEngineTest
    void undoRunTwiceEndsInTheSameState(Sandbox sandbox, SearchEngine engine) throws IOException {
        try (TestStores stores = TestStores.seed(sandbox, engine, Files.createDirectories(dir.resolve("files")))) {
            StoreSnapshot before = stores.snapshot();
            HandImport.run(stores, journal(), true);

            CliRun first = stores.undo(journal());
            CliRun second = stores.undo(journal());

            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(stores.snapshot()).isEqualTo(before);
            assertThat(second.out()).startsWith("Undid the import of 2026-11-24T10:00:00Z (finished)")
                    .containsPattern("Documents restored +2");
        }
    }

    @SearchEngineTest
    void undoesAnInterruptedImportUpToWhereItsJournalWasCut(Sandbox sandbox, SearchEngine engine) throws IOException {
        try (TestStores stores = TestStores.seed(sandbox, engine, Files.createDirectories(dir.resolve("files")))) {
            StoreSnapshot before = stores.snapshot();
            HandImport imported = HandImport.run(stores, journal(), false);
            List<Long> ends = imported.memberEnds();
            cut(journal(), (ends.get(1) + ends.get(0)) / 2); // in the middle of the last batch's one record
            String replacedBy = Files.readString(imported.replacedFile);

            CliRun run = stores.undo(journal());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("(interrupted, journal cut short at its last record)");
            StoreSnapshot after = stores.snapshot();
            assertThat(after.documents()).isEqualTo(before.documents());
            assertThat(after.events()).isEqualTo(before.events());
            assertThat(after.files()).isNotEqualTo(before.files()).containsOnlyKeys(before.files().keySet());
            assertThat(Files.readString(imported.replacedFile)).as("the cut record's file").isEqualTo(replacedBy);
        }
    }

    @SearchEngineTest
    void refusesWhenADocumentChangedSinceTheImportAndWritesNothing(Sandbox sandbox, SearchEngine engine) {
        try (TestStores stores = TestStores.seed(sandbox, engine, dir)) {
            HandImport imported = HandImport.run(stores, journal(), true);
            stores.backend().getCollection("task").updateOne(Filters.eq("_id", imported.overwrittenTask),
                    Updates.set("status", "edited by a user"));
            StoreSnapshot changed = stores.snapshot();

            CliRun run = stores.undo(journal());

            assertThat(run.exitCode()).isEqualTo(ExitCode.CONFLICT.code());
            assertThat(run.err().lines()).singleElement().asString()
                    .contains("1 documents or events changed since the import")
                    .contains("backend.task '" + imported.overwrittenTask + "', changed since the command")
                    .contains("nothing was undone").contains("--force");
            assertThat(stores.snapshot()).isEqualTo(changed);
        }
    }

    @SearchEngineTest
    void forceRestoresChangedDocumentsAndFieldsAndNamesEach(Sandbox sandbox, SearchEngine engine) throws IOException {
        try (TestStores stores = TestStores.seed(sandbox, engine, Files.createDirectories(dir.resolve("files")))) {
            StoreSnapshot before = stores.snapshot();
            HandImport imported = HandImport.run(stores, journal(), true);
            stores.backend().getCollection("task").updateOne(Filters.eq("_id", imported.overwrittenTask),
                    Updates.set("status", "edited by a user"));
            stores.backend().getCollection("task").updateOne(Filters.eq("_id", imported.relinkedTask),
                    Updates.set("output.destination", "s3://moved/by/hand"));
            stores.backend().getCollection("task").updateOne(Filters.eq("_id", "undo-new-2"),
                    Updates.set("name", "renamed by a user"));

            CliRun run = stores.undo(journal(), "--force");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(stores.snapshot()).isEqualTo(before);
            assertThat(run.out()).contains("Changed since the import, restored anyway (--force): 3")
                    .contains("backend.task '" + imported.overwrittenTask + "': changed since the command")
                    .contains("backend.task 'undo-new-2': changed since the command")
                    .contains("backend.task '" + imported.relinkedTask + "': field output.destination changed since");
        }
    }

    @SearchEngineTest
    void dryRunCountsAndWritesNothing(Sandbox sandbox, SearchEngine engine) throws IOException {
        try (TestStores stores = TestStores.seed(sandbox, engine, Files.createDirectories(dir.resolve("files")))) {
            HandImport.run(stores, journal(), true);
            StoreSnapshot imported = stores.snapshot();

            CliRun run = stores.undo(journal(), "--dry-run");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(stores.snapshot()).isEqualTo(imported);
            assertThat(run.out()).startsWith("Dry run, would undo the import")
                    .containsPattern("Documents deleted +3").containsPattern("Files restored +1");
        }
    }

    @SearchEngineTest
    void anUndoInterruptedHalfWayAndRunAgainEndsInTheSameState(Sandbox sandbox, SearchEngine engine) throws IOException {
        try (TestStores stores = TestStores.seed(sandbox, engine, Files.createDirectories(dir.resolve("files")))) {
            StoreSnapshot before = stores.snapshot();
            HandImport.run(stores, journal(), true);
            StoreSnapshot imported = stores.snapshot();

            assertThatThrownBy(() -> stores.undoer().run(new UndoSettings(journal(), false, false), new CrashAfter(20)))
                    .hasMessage("killed");
            StoreSnapshot halfUndone = stores.snapshot();
            CliRun again = stores.undo(journal());

            assertThat(halfUndone).isNotEqualTo(imported).isNotEqualTo(before);
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(stores.snapshot()).isEqualTo(before);
        }
    }

    @SearchEngineTest
    void aCreatedDocumentDeletedSinceIsNoConflict(Sandbox sandbox, SearchEngine engine) throws IOException {
        try (TestStores stores = TestStores.seed(sandbox, engine, Files.createDirectories(dir.resolve("files")))) {
            StoreSnapshot before = stores.snapshot();
            HandImport.run(stores, journal(), true);
            stores.backend().getCollection("task").deleteOne(Filters.eq("_id", "undo-new-2"));

            CliRun run = stores.undo(journal());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(stores.snapshot()).isEqualTo(before);
        }
    }

    @SearchEngineTest
    void refusesWhenARelinkedEventChangedSince(Sandbox sandbox, SearchEngine engine) {
        try (TestStores stores = TestStores.seed(sandbox, engine, dir)) {
            HandImport imported = HandImport.run(stores, journal(), true);
            imported.editRelinkedEvent("https://someone.else/image.png");
            StoreSnapshot changed = stores.snapshot();

            CliRun run = stores.undo(journal(), "--dry-run");

            assertThat(run.exitCode()).isEqualTo(ExitCode.CONFLICT.code());
            assertThat(run.err()).contains("field url changed since the command");
            assertThat(stores.snapshot()).isEqualTo(changed);
        }
    }

    /** A progress sink that kills the run after some steps of the undo pass, as a crash would. */
    private static final class CrashAfter implements Progress {
        private final long steps;
        private boolean undoing;
        private long done;

        CrashAfter(long steps) {
            this.steps = steps;
        }

        @Override
        public void start(String phase, long total) {
            undoing = phase.equals("Undoing");
        }

        @Override
        public void advance(long units) {
            done += undoing ? units : 0;
            if (done >= steps) {
                throw new IllegalStateException("killed");
            }
        }

        @Override
        public void finish() {
        }
    }

    private Path journal() {
        return dir.resolve("export.zip" + UndoJournal.SUFFIX);
    }

    private static void cut(Path file, long length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
    }
}
