package clearml.migrate.undo;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.events.EventHit;
import clearml.migrate.events.EventQuery;
import clearml.migrate.events.EventScroll;
import clearml.migrate.failures.ExitCode;
import clearml.migrate.testing.CliRun;
import clearml.migrate.testing.StoreSnapshot;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real import journals as it writes, and {@code undo} takes it back: over a target that already holds data (its
 * tasks overwritten, a project of the same name merged into, tasks' events re-imported, files replaced).
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class ImportUndoTest {

    private static final String COMPANY = "undo0000000000000000000000000001";
    private static final Path FIXTURE = Path.of(System.getProperty("clearml.fixtures", "../../shared/fixtures"),
            "clearml-server-2.0.0-rich");

    @TempDir
    Path dir;

    @Test
    void undoingASecondImportRestoresWhatTheFirstLeftAndUndoingTheFirstRestoresTheStart(
            @TargetServer Sandbox target) throws IOException {
        Path archive = copyFixture();
        Path files = Files.createDirectories(dir.resolve("files"));
        try (TestStores stores = TestStores.of(target, files)) {
            stores.backend().getCollection("project").insertOne(new Document("_id", "undo-existing-project")
                    .append("name", firstProjectName(archive)).append("company", COMPANY).append("tags", List.of("mine")));
            StoreSnapshot start = stores.snapshot();
            importOk(stores, archive, files);
            Path first = dir.resolve(archive.getFileName() + ".undo.jsonl.gz");
            String task = changeAnImportedTaskItsEventsAndAFile(stores, files);
            StoreSnapshot changed = stores.snapshot();

            importOk(stores, archive, files);
            Path second = dir.resolve(archive.getFileName() + ".undo-2.jsonl.gz");
            assertThat(stores.snapshot()).isNotEqualTo(changed);
            CliRun undoSecond = stores.undo(second, "--json");

            assertThat(undoSecond.exitCode()).as(undoSecond.err()).isZero();
            assertThat(stores.snapshot().differences(changed)).isEmpty();
            CliRun refused = stores.undo(first);
            assertThat(refused.exitCode()).isEqualTo(ExitCode.CONFLICT.code());
            assertThat(refused.err()).contains("backend.task '" + task + "', changed since the command");
            assertThat(stores.snapshot()).isEqualTo(changed);
            CliRun forced = stores.undo(first, "--force");
            assertThat(forced.exitCode()).as(forced.err()).isZero();
            assertThat(stores.snapshot().differences(start)).isEmpty();
        }
    }

    @Test
    void aRerunOfTheSameImportKeepsNoCopyOfTheFilesItFindsInPlaceAndItsUndoKeepsThem(@TargetServer Sandbox target)
            throws IOException {
        FreshServer.initialize(target.mongoUri(), COMPANY, "target");
        Path archive = copyFixture();
        Path files = Files.createDirectories(dir.resolve("files"));
        try (TestStores stores = TestStores.of(target, files)) {
            importOk(stores, archive, files);
            StoreSnapshot first = stores.snapshot();
            Path rerun = dir.resolve(archive.getFileName() + ".undo-2.jsonl.gz");

            importOk(stores, archive, files);

            assertThat(first.files()).isNotEmpty();
            assertThat(UndoJournal.sideDirectory(rerun)).doesNotExist();
            CliRun undo = stores.undo(rerun, "--json");
            assertThat(undo.exitCode()).as(undo.err()).isZero();
            assertThat(new ObjectMapper().readTree(undo.out()).path("steps").path("filesDeleted").asLong()).isZero();
            assertThat(stores.snapshot().differences(first)).isEmpty();
        }
    }

    private static void importOk(TestStores stores, Path archive, Path files) {
        CliRun run = stores.importing(archive.toString(), "--company", COMPANY, "--user", "owner-1",
                "--artifacts-to", files.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    }

    /** What the target's own users might do between two imports. */
    private static String changeAnImportedTaskItsEventsAndAFile(TestStores stores, Path files) throws IOException {
        Document task = stores.backend().getCollection("task").find(Filters.eq("company", COMPANY))
                .sort(new Document("_id", 1)).first();
        String id = task.getString("_id");
        stores.backend().getCollection("task").updateOne(Filters.eq("_id", id), Updates.set("comment", "edited"));
        try (EventScroll events = stores.events.scroll(EventQuery.ofTasks(COMPANY, List.of(id)))) {
            if (events.hasNext()) {
                EventHit event = events.next();
                stores.elastic.postNdjson("/_bulk?refresh=true", ("{\"index\":{\"_index\":\"" + event.index()
                        + "\",\"_id\":\"undo-extra-event\"}}\n" + event.source() + "\n").getBytes());
            }
        }
        try (Stream<Path> walk = Files.walk(files)) {
            Path file = walk.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
            Files.writeString(file, "edited on the file server");
        }
        return id;
    }

    private Path copyFixture() throws IOException {
        Path zip;
        try (Stream<Path> listed = Files.list(FIXTURE)) {
            zip = listed.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
        }
        String stem = zip.getFileName().toString().replace(".zip", "");
        Files.copy(zip, dir.resolve(zip.getFileName()));
        Files.copy(FIXTURE.resolve(stem + ".artifacts"), dir.resolve(stem + ".artifacts"));
        return dir.resolve(zip.getFileName());
    }

    private static String firstProjectName(Path archive) {
        try (ArchiveReader reader = ArchiveReader.open(archive);
                CloseableIterator<Document> projects = reader.entities(EntityKind.PROJECT)) {
            return projects.next().getString("name");
        }
    }
}
