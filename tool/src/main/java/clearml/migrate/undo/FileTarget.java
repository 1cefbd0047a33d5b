package clearml.migrate.undo;

import clearml.migrate.failures.ArchiveException;
import clearml.migrate.files.FileStore;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The file stores a command placed files in: removes the files, or puts back the copies of the files they
 * replaced. Stores are opened on first use, by the name the journal gives them, and closed on {@link #close()}.
 */
final class FileTarget implements Closeable {

    private final Path sideDirectory;
    private final Function<String, FileStore> opener;
    private final Map<String, FileStore> open = new HashMap<>();

    FileTarget(Path journal, Function<String, FileStore> opener) {
        this.sideDirectory = UndoJournal.sideDirectory(journal);
        this.opener = opener;
    }

    void remove(String store, String path) {
        store(store).delete(path);
    }

    /** Puts the kept copy back; the store writes through a temporary name, so a crash leaves old or new, whole. */
    void restore(String store, String path, String copy) {
        Path kept = sideDirectory.resolve(copy);
        try {
            long size = Files.size(kept);
            store(store).put(path, () -> Files.newInputStream(kept), size);
        } catch (IOException e) {
            throw new ArchiveException("Cannot read the kept copy " + kept + " of " + path + " (" + e.getMessage()
                    + "); keep the journal's side directory " + sideDirectory + " beside the journal and run undo "
                    + "again", e);
        }
    }

    private FileStore store(String name) {
        return open.computeIfAbsent(name, opener);
    }

    @Override
    public void close() {
        open.values().forEach(FileStore::close);
    }
}
