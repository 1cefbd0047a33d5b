package clearml.migrate.files;

import clearml.migrate.failures.StoreUnreachableException;
import clearml.migrate.retry.Patience;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Opens the {@link FileStore} a {@code --artifacts-from}/{@code --artifacts-to} value names. */
public final class FileStores {

    private FileStores() {
    }

    /** As {@link #open(String, String, Duration)} with the default {@code --retry-for}. */
    public static FileStore open(String dirOrUrl, @Nullable String token) {
        return open(dirOrUrl, token, Patience.DEFAULT);
    }

    /**
     * An {@link HttpFileStore} for an {@code http://} or {@code https://} URL, checked with the file server's
     * ping; otherwise a {@link DirectoryFileStore} for an existing directory.
     *
     * @param token the file server's Bearer token, used only over HTTP; see {@link FileServerToken}
     * @param retryFor how long a file-server request that failed on the way is retried ({@code --retry-for})
     * @throws StoreUnreachableException when the directory does not exist or the server cannot be reached
     */
    public static FileStore open(String dirOrUrl, @Nullable String token, Duration retryFor) {
        String lower = dirOrUrl.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            HttpFileStore store = new HttpFileStore(dirOrUrl, token, retryFor);
            store.ping();
            return store;
        }
        return directory(Path.of(dirOrUrl));
    }

    private static FileStore directory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new StoreUnreachableException("File server directory " + dir.toAbsolutePath()
                    + " does not exist or is not a directory; check --artifacts-from/--artifacts-to (the file "
                    + "server's storage root, e.g. /opt/clearml/data/fileserver, or its http(s):// URL)");
        }
        try {
            return new DirectoryFileStore(dir);
        } catch (IOException e) {
            throw new StoreUnreachableException("File server directory " + dir.toAbsolutePath()
                    + " cannot be opened (" + e.getMessage() + "); check --artifacts-from/--artifacts-to", e);
        }
    }
}
