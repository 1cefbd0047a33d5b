package clearml.migrate.files;

import clearml.migrate.failures.MigrateException;
import clearml.migrate.failures.StoreAccessDeniedException;
import clearml.migrate.failures.StoreUnreachableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * A file server's storage root as a local directory ({@code UPLOAD_FOLDER}, data model §6.1): for example
 * {@code /opt/clearml/data/fileserver} on the server host. Every path is resolved under the root and must stay
 * there, also through symbolic links. A write goes to a hidden temporary file in the target directory, then an
 * atomic rename, so an interrupted copy never leaves a partial file; the temporary file is created with the
 * process umask, as the file server's own uploads are, so the file server can serve it.
 */
public final class DirectoryFileStore extends AbstractFileStore {

    private static final int BUFFER = 64 * 1024;

    private final Path root;

    /** Opens an existing directory; use {@link FileStores#open} for the checked, one-line failure. */
    public DirectoryFileStore(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    protected Optional<StoredFile> read(String path) throws IOException {
        Path file = resolve(path);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(new StoredFile(Files.size(file), Files.newInputStream(file)));
    }

    @Override
    protected void write(String path, FileContent content, long size) throws IOException {
        Path file = resolve(path);
        Files.createDirectories(file.getParent());
        resolve(path); // again: a directory created concurrently could be a link out of the root
        Path temp = Files.createFile(file.resolveSibling(".clearml-migrate-" + UUID.randomUUID() + ".part"));
        try {
            copy(content, temp, size);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    protected boolean remove(String path) throws IOException {
        Path file = resolve(path);
        return Files.isRegularFile(file) && Files.deleteIfExists(file);
    }

    @Override
    protected MigrateException failure(String action, String path, IOException cause) {
        return new StoreUnreachableException("File server directory " + root + ": cannot " + action + " "
                + RelativePaths.printable(path) + " (" + cause + "); check --artifacts-from/--artifacts-to, "
                + "permissions and free space", cause);
    }

    @Override
    public void close() {
        // Nothing is held open between calls.
    }

    /** The file for a path, refused when it, or the nearest existing directory above it, is outside the root. */
    private Path resolve(String path) throws IOException {
        Path file = root.resolve(path).normalize();
        Path existing = file;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (!file.startsWith(root) || !existing.toRealPath().startsWith(root)) {
            throw new StoreAccessDeniedException("File server directory " + root + ": "
                    + RelativePaths.printable(path) + " leads outside it through a symbolic link; refusing to use it");
        }
        return file;
    }

    private static void copy(FileContent content, Path temp, long size) throws IOException {
        long copied = 0;
        try (InputStream in = content.open(); OutputStream out = Files.newOutputStream(temp)) {
            byte[] buffer = new byte[BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                copied += n;
                if (size >= 0 && copied > size) {
                    break;
                }
                out.write(buffer, 0, n);
            }
        }
        if (size >= 0 && copied != size) {
            throw new IOException("the content holds " + (copied > size ? "more" : copied) + " bytes, not " + size);
        }
    }
}
