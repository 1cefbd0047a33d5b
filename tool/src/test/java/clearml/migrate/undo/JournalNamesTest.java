package clearml.migrate.undo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The names of the journals an import leaves beside its archive: the next free one, and the newest. */
class JournalNamesTest {

    @TempDir
    Path dir;

    @Test
    void theFirstImportTakesTheBareNameAndLeavesItAsTheNewest() throws IOException {
        Path archive = dir.resolve("export_1f.zip");

        assertThat(UndoJournal.newestBesideArchive(archive)).isEmpty();
        Path first = Files.createFile(UndoJournal.freeBesideArchive(archive));

        assertThat(first).isEqualTo(dir.resolve("export_1f.zip.undo.jsonl.gz"));
        assertThat(UndoJournal.newestBesideArchive(archive)).contains(first);
    }

    @Test
    void rerunsTakeNumberedNamesAndTheHighestIsTheNewest() throws IOException {
        Path archive = dir.resolve("export_1f.zip");
        Files.createFile(UndoJournal.freeBesideArchive(archive));
        Path second = Files.createFile(UndoJournal.freeBesideArchive(archive));
        Path third = Files.createFile(UndoJournal.freeBesideArchive(archive));

        assertThat(second).isEqualTo(dir.resolve("export_1f.zip.undo-2.jsonl.gz"));
        assertThat(third).isEqualTo(dir.resolve("export_1f.zip.undo-3.jsonl.gz"));
        assertThat(UndoJournal.newestBesideArchive(archive)).contains(third);
    }
}
