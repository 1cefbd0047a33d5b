package clearml.migrate.undo;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The complete lines of a decompressing stream. Where the stream breaks off (a member cut by a crash, or damaged
 * bytes), it ends: the bytes after the last newline are dropped and {@link #truncated()} says so. Memory: one line.
 */
final class JournalLines implements Closeable {

    private final InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1 << 12);
    private int position;
    private int limit;
    private boolean ended;
    private boolean truncated;

    JournalLines(InputStream in) {
        this.in = in;
    }

    /** The next complete line without its newline, or null at the end. */
    @Nullable String next() {
        while (true) {
            for (int i = position; i < limit; i++) {
                if (chunk[i] == '\n') {
                    line.write(chunk, position, i - position);
                    position = i + 1;
                    return take();
                }
            }
            line.write(chunk, position, limit - position);
            position = limit;
            if (!fill()) {
                truncated |= line.size() > 0;
                line.reset();
                return null;
            }
        }
    }

    /** Whether the stream ended inside a record or broke off. */
    boolean truncated() {
        return truncated;
    }

    private boolean fill() {
        if (ended) {
            return false;
        }
        try {
            limit = in.read(chunk);
        } catch (IOException e) {
            // EOFException of a cut member, ZipException of damaged bytes: what came before still counts
            truncated = true;
            limit = -1;
        }
        position = 0;
        if (limit < 0) {
            ended = true;
            limit = 0;
            return false;
        }
        return true;
    }

    private String take() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        return text;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
