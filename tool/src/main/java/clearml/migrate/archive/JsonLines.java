package clearml.migrate.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * ClearML's {@code json_lines} reader (data model §3.4): splits the bytes on {@code \n}, strips whitespace,
 * leading {@code [} and trailing {@code ,}/{@code ]}, and skips what is left empty. Holds one line at a time.
 */
final class JsonLines {

    private final InputStream in;
    private final int maxLineBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private long lineNumber;
    private boolean ended;

    JsonLines(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The 1-based number of the line {@link #next()} returned last. */
    long lineNumber() {
        return lineNumber;
    }

    /** The next non-empty stripped line, or null at the end of the stream. */
    @Nullable String next() throws IOException {
        while (!ended) {
            String stripped = strip(readLine());
            if (!stripped.isEmpty()) {
                return stripped;
            }
        }
        return null;
    }

    private String readLine() throws IOException {
        line.reset();
        lineNumber++;
        while (fill()) {
            int newline = indexOfNewline();
            int end = newline < 0 ? limit : newline;
            append(end - position);
            position = newline < 0 ? limit : newline + 1;
            if (newline >= 0) {
                return line.toString(StandardCharsets.UTF_8);
            }
        }
        ended = true;
        return line.toString(StandardCharsets.UTF_8);
    }

    private boolean fill() throws IOException {
        if (position < limit) {
            return true;
        }
        limit = Math.max(in.read(buffer), 0);
        position = 0;
        return limit > 0;
    }

    private int indexOfNewline() {
        for (int i = position; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int length) throws LineTooLongException {
        if (line.size() + length > maxLineBytes) {
            throw new LineTooLongException(lineNumber, maxLineBytes);
        }
        line.write(buffer, position, length);
    }

    // Python: line.strip().lstrip("[").rstrip(",]").strip() in effect; trailing ",]" may mix with whitespace.
    static String strip(String raw) {
        String text = raw.strip();
        int start = 0;
        while (start < text.length() && text.charAt(start) == '[') {
            start++;
        }
        int end = text.length();
        while (end > start && (text.charAt(end - 1) == ',' || text.charAt(end - 1) == ']'
                || Character.isWhitespace(text.charAt(end - 1)))) {
            end--;
        }
        return text.substring(start, end).strip();
    }

    /** A line longer than the reader accepts, which guards memory against a hostile archive. */
    static final class LineTooLongException extends IOException {
        LineTooLongException(long lineNumber, int maxLineBytes) {
            super("line " + lineNumber + " is longer than " + maxLineBytes + " bytes");
        }
    }
}
