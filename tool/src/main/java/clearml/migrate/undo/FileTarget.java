package clearml.migrate.undo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The files a command placed: removes them, or puts back the copies of the files they replaced. */
final class FileTarget {

    private final Path sideDirectory;

    FileTarget(Path journal) {
        this.sideDirectory = UndoJournal.sideDirectory(journal);
    }

    void remove(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw failed("remove", file, e);
        }
    }

    /** Copies the kept file back through a temporary sibling and a rename, so a crash leaves old or new, whole. */
    void restore(Path file, String copy) {
        Path kept = sideDirectory.resolve(copy);
        Path partial = file.resolveSibling(file.getFileName() + ".undo-partial");
        try {
            Files.createDirectories(file.getParent());
            Files.copy(kept, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw failed("restore", file, e);
        }
    }

    private static UncheckedIOException failed(String action, Path file, IOException e) {
        return new UncheckedIOException("Cannot " + action + " " + file + ": " + e.getMessage()
                + " — check its directory's permissions and run undo again", e);
    }
}
