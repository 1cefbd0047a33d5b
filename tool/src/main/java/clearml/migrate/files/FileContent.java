package clearml.migrate.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Content to store, which can be read more than once: a retried upload or a comparison reads it again. */
@FunctionalInterface
public interface FileContent {

    /** A fresh stream over the whole content; the caller closes it. */
    InputStream open() throws IOException;

    /** The content of a local file. */
    static FileContent of(Path file) {
        return () -> Files.newInputStream(file);
    }
}
