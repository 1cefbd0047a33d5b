package clearml.migrate.files;

import clearml.migrate.failures.MigrateException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The behaviour every {@link FileStore} shares, written once: path validation, the unchanged-file check that
 * makes reruns idempotent (same size, then same sha256, both streamed) and the mapping of I/O failures to one-line
 * messages. A variant fills in four primitives: {@link #read}, {@link #write}, {@link #remove} and {@link #failure}.
 */
public abstract class AbstractFileStore implements FileStore {

    /** A stored file: its length when known (-1 otherwise) and its content, which the receiver closes. */
    protected record StoredFile(long size, InputStream body) {
    }

    @Override
    public final Optional<InputStream> open(String relativePath) {
        String path = RelativePaths.require(relativePath);
        return guarded("read", path, () -> read(path)).map(stored -> new NamingFailures(stored.body(), path));
    }

    @Override
    public final boolean exists(String relativePath) {
        Optional<InputStream> body = open(relativePath);
        body.ifPresent(AbstractFileStore::closeQuietly);
        return body.isPresent();
    }

    @Override
    public final boolean holds(String relativePath, FileContent content, long size) {
        String path = RelativePaths.require(relativePath);
        return guarded("read", path, () -> {
            Optional<StoredFile> existing = read(path);
            return existing.isPresent() && sameContent(existing.get(), content, size);
        });
    }

    @Override
    public final PutOutcome put(String relativePath, FileContent content, long size, Consumer<String> beforeWrite) {
        String path = RelativePaths.require(relativePath);
        PutOutcome outcome = guarded("write", path, () -> {
            Optional<StoredFile> existing = read(path);
            return existing.isEmpty() ? PutOutcome.CREATED
                    : sameContent(existing.get(), content, size) ? PutOutcome.UNCHANGED : PutOutcome.REPLACED;
        });
        if (outcome != PutOutcome.UNCHANGED) {
            beforeWrite.accept(relativePath); // outside guarded: its failures are not this store's
            guarded("write", path, () -> {
                write(path, content, size);
                return outcome;
            });
        }
        return outcome;
    }

    @Override
    public final boolean delete(String relativePath) {
        String path = RelativePaths.require(relativePath);
        return guarded("delete", path, () -> remove(path));
    }

    /** The file at a validated path, or empty when there is none. */
    protected abstract Optional<StoredFile> read(String path) throws IOException;

    /** Stores the content at a validated path so that no partial file is ever visible under that name. */
    protected abstract void write(String path, FileContent content, long size) throws IOException;

    /** Deletes the file at a validated path; false when there was none. */
    protected abstract boolean remove(String path) throws IOException;

    /** The one-line failure for an I/O error while doing {@code action} ("read", "write", "delete") on a path. */
    protected abstract MigrateException failure(String action, String path, IOException cause);

    private interface IoAction<T> {
        T run() throws IOException;
    }

    private <T> T guarded(String action, String path, IoAction<T> io) {
        try {
            return io.run();
        } catch (IOException | UncheckedIOException e) {
            throw failure(action, path, e instanceof UncheckedIOException u ? u.getCause() : (IOException) e);
        }
    }

    private static boolean sameContent(StoredFile existing, FileContent content, long size) throws IOException {
        try (InputStream stored = existing.body()) {
            if (existing.size() >= 0 && size >= 0 && existing.size() != size) {
                return false;
            }
            try (InputStream incoming = content.open()) {
                return Arrays.equals(sha256(stored), sha256(incoming));
            }
        }
    }

    private static byte[] sha256(InputStream in) throws IOException {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return digest.digest();
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Turns an I/O error while the caller reads (a dropped connection, a truncated body) into this store's
     * one-line failure, so that it names the file server and the path rather than whatever the caller writes to.
     */
    private final class NamingFailures extends FilterInputStream {
        private final String path;
        private long count;

        NamingFailures(InputStream in, String path) {
            super(in);
            this.path = path;
        }

        @Override
        public int read() {
            try {
                int b = super.read();
                count += b >= 0 ? 1 : 0;
                return b;
            } catch (IOException e) {
                throw brokenOff(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            try {
                int n = super.read(buffer, offset, length);
                count += Math.max(n, 0);
                return n;
            } catch (IOException e) {
                throw brokenOff(e);
            }
        }

        private MigrateException brokenOff(IOException e) {
            return failure("read", path, new IOException("broke off after " + count + " bytes: " + e.getMessage(), e));
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Only existence was asked; a failing close of a read-only stream changes nothing.
        }
    }
}
