package clearml.migrate.files;

import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * A download that survives a body broken off or stalled on the way: a failed read asks for the file again, skips
 * the bytes already delivered and goes on, up to the {@link RetryPolicy}'s attempts; then the last failure stands.
 * The file is asked for from its start, not with a {@code Range}, so that any file server or proxy answers alike;
 * a new answer of another length means the file changed, which fails rather than splices two versions.
 */
final class ResumingBody extends InputStream {

    /** Asks for the file again: its status, length (-1 when unknown) and body. */
    @FunctionalInterface
    interface Refetch {
        Fetched get() throws IOException;
    }

    /** One answer to a download request. */
    record Fetched(int status, long length, InputStream body) {
    }

    private final Refetch refetch;
    private final RetryPolicy retry;
    private final long length;
    private @Nullable InputStream body;
    private long delivered;
    private int attempt = 1;

    ResumingBody(InputStream first, long length, Refetch refetch, RetryPolicy retry) {
        this.body = first;
        this.length = length;
        this.refetch = refetch;
        this.retry = retry;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int count) throws IOException {
        while (true) {
            try {
                int n = current().read(target, offset, count);
                delivered += Math.max(n, 0);
                return n;
            } catch (IOException e) {
                drop();
                if (attempt >= retry.attempts()) {
                    throw e;
                }
                attempt++;
                retry.pauseBefore(attempt);
            }
        }
    }

    @Override
    public void close() throws IOException {
        InputStream open = body;
        body = null;
        if (open != null) {
            open.close();
        }
    }

    private InputStream current() throws IOException {
        InputStream open = body;
        if (open == null) {
            open = refetched();
            body = open;
        }
        return open;
    }

    private InputStream refetched() throws IOException {
        Fetched again = refetch.get();
        if (again.status() != 200 || (length >= 0 && again.length() >= 0 && again.length() != length)) {
            again.body().close();
            throw new IOException("the file changed on the server while it was read (asked again: HTTP "
                    + again.status() + ", " + again.length() + " bytes instead of " + length + ")");
        }
        try {
            again.body().skipNBytes(delivered);
        } catch (IOException e) {
            again.body().close();
            throw e;
        }
        return again.body();
    }

    private void drop() {
        InputStream broken = body;
        body = null;
        try {
            if (broken != null) {
                broken.close();
            }
        } catch (IOException ignored) {
            // The connection already failed; asking for the file again does not depend on closing it cleanly.
        }
    }
}
