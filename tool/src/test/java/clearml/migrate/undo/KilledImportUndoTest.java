package clearml.migrate.undo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.ArtifactsZip;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.events.BulkOptions;
import clearml.migrate.events.EventHit;
import clearml.migrate.events.EventQuery;
import clearml.migrate.events.EventScroll;
import clearml.migrate.files.ArtifactsLayout;
import clearml.migrate.files.FileStore;
import clearml.migrate.files.FileStores;
import clearml.migrate.importing.ImportSettings;
import clearml.migrate.progress.Progress;
import clearml.migrate.testing.CliRun;
import clearml.migrate.testing.StoreSnapshot;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.SearchEngine;
import clearml.sandbox.junit.SearchEngineTest;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An import killed half-way over a target that already holds the archive's data, edited since (its tasks and
 * models overwritten, a project of the same name merged into, the tasks' events re-imported, placed files
 * replaced), and then undone from the journal the killed import left: the target ends byte for byte as before the
 * import, on both search engines. The kill is a {@link Progress} that throws in the middle of a phase.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class KilledImportUndoTest {

    private static final String COMPANY = "k111ed00000000000000000000000001";
    private static final String EDIT = "edited in the target";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);
    private static final Path FIXTURE = Path.of(System.getProperty("clearml.fixtures", "../../shared/fixtures"),
            "clearml-server-2.0.0-rich");

    @TempDir
    Path dir;

    @SearchEngineTest
    void undoOfAnImportKilledAmongTheTasksEventsRestoresTheTarget(Sandbox sandbox, SearchEngine engine)
            throws IOException {
        try (TestStores stores = TestStores.seed(sandbox, engine, Files.createDirectories(dir.resolve("files")))) {
            Path archive = copyFixture();
            Target target = Target.prepare(stores, archive, dir.resolve("setup" + UndoJournal.SUFFIX));
            StoreSnapshot before = stores.snapshot();

            killImport(stores, archive, new KillHalfWay("import tasks and their events"));

            StoreSnapshot killed = stores.snapshot();
            assertThat(killed.documents()).as("the models landed").isNotEqualTo(before.documents());
            assertThat(target.tasksStillEdited()).as("no task document landed").isEqualTo(target.tasksImported()).isPositive();
            assertThat(killed.events()).as("the tasks' old events were replaced").isNotEqualTo(before.events());
            assertThat(killed.files()).as("no file was placed").isEqualTo(before.files());
            undoRestores(stores, before);
        }
    }

    @SearchEngineTest
    void undoOfAnImportKilledWhilePlacingFilesRestoresTheTarget(Sandbox sandbox, SearchEngine engine)
            throws IOException {
        try (TestStores stores = TestStores.seed(sandbox, engine, Files.createDirectories(dir.resolve("files")))) {
            Path archive = copyFixture();
            Target target = Target.prepare(stores, archive, dir.resolve("setup" + UndoJournal.SUFFIX));
            StoreSnapshot before = stores.snapshot();

            killImport(stores, archive, new KillHalfWay("artifacts"));

            StoreSnapshot killed = stores.snapshot();
            assertThat(target.tasksStillEdited()).as("every task document landed").isZero();
            assertThat(killed.events()).as("the tasks' old events were replaced").isNotEqualTo(before.events());
            assertThat(target.filesStillEdited()).as("some edited files were replaced, not all")
                    .isPositive().isLessThan(target.editedFiles.size());
            assertThat(UndoJournal.sideDirectory(killedJournal()).toFile().list())
                    .as("copies of the edited files only, none of the identical ones")
                    .hasSize(target.editedFiles.size());
            undoRestores(stores, before);
        }
    }

    private void undoRestores(TestStores stores, StoreSnapshot before) {
        assertThat(before.eventCount()).as("within the snapshot's one search page").isLessThan(10_000);
        CliRun undo = stores.undo(killedJournal());

        assertThat(undo.exitCode()).as(undo.err()).isZero();
        assertThat(undo.out()).contains("(interrupted");
        assertThat(stores.snapshot().differences(before)).isEmpty();
        assertThat(stores.snapshot()).isEqualTo(before);
    }

    private void killImport(TestStores stores, Path archive, Progress kill) {
        ImportSettings settings = ImportSettings.defaults(archive, COMPANY, "owner-1")
                .withArtifactsTo(stores.files.toString(), ArtifactsLayout.FLAT).withUndoLog(killedJournal());
        try (FileStore files = FileStores.open(stores.files.toString(), null)) {
            assertThatThrownBy(() -> stores.importer(SMALL_REQUESTS, CLOCK, files).run(settings, kill))
                    .isInstanceOf(Killed.class);
        }
    }

    /** Small bulk requests, so that events reach the engine while the run goes on, as in a large import. */
    private static final BulkOptions SMALL_REQUESTS = BulkOptions.defaults().withMaxRequestBytes(16 * 1024);

    private Path killedJournal() {
        return dir.resolve("killed" + UndoJournal.SUFFIX);
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

    /**
     * A seeded target that holds the archive already, imported once, then edited by its users: every imported
     * task and model, the project the import merged into, an extra event per task, every other placed file
     * rewritten and one deleted. So the import overwrites, merges, replaces events and files, and creates a file.
     */
    private static final class Target {
        private final TestStores stores;
        private final List<Path> editedFiles = new ArrayList<>();

        private Target(TestStores stores) {
            this.stores = stores;
        }

        static Target prepare(TestStores stores, Path archive, Path journal) throws IOException {
            stores.backend().getCollection("project").insertOne(new Document("_id", "killed-existing-project")
                    .append("name", firstProjectName(archive)).append("company", COMPANY).append("tags", List.of("mine")));
            ImportSettings settings = ImportSettings.defaults(archive, COMPANY, "owner-1")
                    .withArtifactsTo(stores.files.toString(), ArtifactsLayout.FLAT).withUndoLog(journal);
            try (FileStore files = FileStores.open(stores.files.toString(), null)) {
                stores.importer(BulkOptions.defaults(), CLOCK, files).run(settings, Progress.SILENT);
            }
            Target target = new Target(stores);
            target.editDocuments();
            target.addAnEventPerTask();
            target.editFiles(archive);
            return target;
        }

        long tasksImported() {
            return tasks().countDocuments(Filters.eq("company", COMPANY));
        }

        long tasksStillEdited() {
            return tasks().countDocuments(Filters.and(Filters.eq("company", COMPANY), Filters.eq("comment", EDIT)));
        }

        long filesStillEdited() throws IOException {
            long edited = 0;
            for (Path file : editedFiles) {
                edited += Files.readString(file).equals(EDIT) ? 1 : 0;
            }
            return edited;
        }

        private void editDocuments() {
            for (String collection : List.of("task", "model", "project")) {
                stores.backend().getCollection(collection)
                        .updateMany(Filters.eq("company", COMPANY), Updates.set("comment", EDIT));
            }
        }

        private void addAnEventPerTask() {
            StringBuilder bulk = new StringBuilder();
            for (Document task : tasks().find(Filters.eq("company", COMPANY))) {
                String id = task.getString("_id");
                try (EventScroll events = stores.events.scroll(EventQuery.ofTasks(COMPANY, List.of(id)))) {
                    if (events.hasNext()) {
                        EventHit event = events.next();
                        bulk.append("{\"index\":{\"_index\":\"").append(event.index()).append("\",\"_id\":\"extra-")
                                .append(id).append("\"}}\n").append(event.source()).append('\n');
                    }
                }
            }
            assertThat(bulk).as("the archive's tasks have events").isNotEmpty();
            stores.elastic.postNdjson("/_bulk?refresh=true", bulk.toString().getBytes());
        }

        private void editFiles(Path archive) throws IOException {
            Path companion = dir(archive).resolve(archive.getFileName().toString().replace(".zip", ".artifacts"));
            List<String> names = ArtifactsZip.entryNames(companion).stream().filter(n -> !n.endsWith("/")).sorted()
                    .toList();
            for (int i = 0; i < names.size() - 1; i += 2) {
                Path file = stores.files.resolve(names.get(i));
                Files.writeString(file, EDIT);
                editedFiles.add(file);
            }
            Files.delete(stores.files.resolve(names.get(names.size() - 1)));
        }

        private static Path dir(Path archive) {
            return archive.toAbsolutePath().getParent();
        }

        private MongoCollection<Document> tasks() {
            return stores.backend().getCollection("task");
        }

        private static String firstProjectName(Path archive) {
            try (ArchiveReader reader = ArchiveReader.open(archive);
                    CloseableIterator<Document> projects = reader.entities(EntityKind.PROJECT)) {
                return projects.next().getString("name");
            }
        }
    }

    /** Kills the run half-way through the phase whose name starts with a prefix, as a kill between two writes. */
    private static final class KillHalfWay implements Progress {
        private final String phase;
        private long left = -1;

        KillHalfWay(String phase) {
            this.phase = phase;
        }

        @Override
        public void start(String name, long total) {
            if (name.startsWith(phase)) {
                left = total / 2;
            }
        }

        @Override
        public void advance(long units) {
            if (left >= 0) {
                left -= units;
                if (left < 0) {
                    throw new Killed();
                }
            }
        }

        @Override
        public void finish() {
        }
    }

    private static final class Killed extends RuntimeException {
        Killed() {
            super("killed by the test");
        }
    }
}
