package clearml.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes directory trees the sandbox owns (node data, file-server contents). */
final class Directories {

    private Directories() {
    }

    /** Deletes {@code dir} and everything below it; nothing happens when it does not exist. */
    static void deleteTree(Path dir) {
        if (Files.exists(dir)) {
            deleteContents(dir);
            delete(dir);
        }
    }

    /** Deletes everything below {@code dir}, keeping {@code dir} itself. */
    static void deleteContents(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).filter(path -> !path.equals(dir)).forEach(Directories::delete);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + " to empty it", e);
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
