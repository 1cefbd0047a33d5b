package clearml.migrate.files;

import clearml.migrate.retry.Backoff;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A download that survives a body broken off or stalled on the way: a failed read asks for the rest of the file
 * and goes on, waiting between attempts with a {@link Backoff} (bounded by {@code --retry-for}, fresh once bytes
 * flow again); when the patience runs out the last failure stands. The rest is asked for with a {@code Range}
 * request; a server that answers {@code 206} sends only the rest, one that ignores the range answers {@code 200}
 * with the whole file, whose first bytes are skipped. A new answer of another length or validator ({@code ETag},
 * else {@code Last-Modified}, also sent as {@code If-Range}) means the file changed, which fails rather than
 * splices two versions.
 */
final class ResumingBody extends InputStream {

    /** Asks for the file again from byte {@code offset}, with the first answer's validator, if any. */
    @FunctionalInterface
    interface Refetch {
        Fetched from(long offset, @Nullable String validator) throws IOException;
    }

    /**
     * One answer to a download request.
     *
     * @param length    the whole file's length, -1 when unknown
     * @param start     the offset of the body's first byte in the file (0 unless the server sent a range)
     * @param validator the file's {@code ETag} or, without one, {@code Last-Modified}
     */
    record Fetched(int status, long length, long start, @Nullable String validator, InputStream body) {
    }

    private final Refetch refetch;
    private final Supplier<Backoff> backoffs;
    private final long length;
    private final @Nullable String validator;
    private @Nullable InputStream body;
    private @Nullable Backoff backoff;
    private long delivered;

    ResumingBody(Fetched first, Refetch refetch, Supplier<Backoff> backoffs) {
        this.body = first.body();
        this.length = first.length();
        this.validator = first.validator();
        this.refetch = refetch;
        this.backoffs = backoffs;
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
                if (n > 0) {
                    delivered += n;
                    backoff = null; // bytes flow again: a later break gets the whole patience
                }
                return n;
            } catch (IOException e) {
                drop();
                if (!patience().pause()) {
                    throw e;
                }
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

    private Backoff patience() {
        Backoff current = backoff;
        if (current == null) {
            current = backoffs.get();
            backoff = current;
        }
        return current;
    }

    private InputStream current() throws IOException {
        InputStream open = body;
        if (open == null) {
            open = length >= 0 && delivered >= length ? InputStream.nullInputStream() : refetched();
            body = open;
        }
        return open;
    }

    private InputStream refetched() throws IOException {
        Fetched again = refetch.from(delivered, validator);
        boolean answered = again.status() == 200 || again.status() == 206;
        boolean sameLength = length < 0 || again.length() < 0 || again.length() == length;
        boolean sameVersion = validator == null || again.validator() == null || validator.equals(again.validator());
        if (!answered || !sameLength || !sameVersion || again.start() > delivered) {
            again.body().close();
            throw new IOException("the file changed on the server while it was read (asked again: HTTP "
                    + again.status() + ", " + again.length() + " bytes instead of " + length + ")");
        }
        try {
            again.body().skipNBytes(delivered - again.start());
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
