package clearml.migrate.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * ClearML's {@code json_lines} reader (data model §3.4): splits the bytes on {@code \n}, strips whitespace,
 * leading {@code [} and trailing {@code ,}/{@code ]}, and skips what is left empty. Holds one line at a time, in
 * bytes while it is all ASCII (the common line): such a line is stripped in place and never decoded here.
 */
final class JsonLines {

    private final InputStream in;
    private final int maxLineBytes;
    private final ArchiveLine line = new ArchiveLine();
    private final byte[] buffer = new byte[64 * 1024];
    private int lineLength;
    private boolean lineAscii;
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

    /** The next non-empty stripped line (the same object each time, overwritten), or null at the end. */
    @Nullable ArchiveLine next() throws IOException {
        while (!ended) {
            readLine();
            if (lineAscii ? stripAscii() : stripText()) {
                return line;
            }
        }
        return null;
    }

    private void readLine() throws IOException {
        lineLength = 0;
        lineAscii = true;
        lineNumber++;
        while (fill()) {
            int newline = indexOfNewline();
            int end = newline < 0 ? limit : newline;
            append(end - position);
            position = newline < 0 ? limit : newline + 1;
            if (newline >= 0) {
                return;
            }
        }
        ended = true;
    }

    private boolean fill() throws IOException {
        if (position < limit) {
            return true;
        }
        limit = Math.max(in.read(buffer), 0);
        position = 0;
        return limit > 0;
    }

    /** The next {@code \n} from the position, noting on the way whether the line holds a byte beyond ASCII. */
    private int indexOfNewline() {
        byte[] bytes = buffer; // a local and an or: half the time of a field and a test per byte under C1
        int end = limit;
        int seen = 0;
        int i = position;
        while (i < end && bytes[i] != '\n') {
            seen |= bytes[i];
            i++;
        }
        lineAscii &= seen >= 0;
        return i < end ? i : -1;
    }

    private void append(int length) throws LineTooLongException {
        if (lineLength + length > maxLineBytes) {
            throw new LineTooLongException(lineNumber, maxLineBytes);
        }
        System.arraycopy(buffer, position, line.buffer(lineLength + length, lineLength), lineLength, length);
        lineLength += length;
    }

    /** {@link #strip} on the bytes: on ASCII the two agree, as {@link Character#isWhitespace} does on a byte. */
    private boolean stripAscii() {
        byte[] bytes = line.bytes();
        int start = 0;
        int end = lineLength;
        while (start < end && isWhitespace(bytes[start])) {
            start++;
        }
        while (start < end && bytes[start] == '[') {
            start++;
        }
        while (end > start && (bytes[end - 1] == ',' || bytes[end - 1] == ']' || isWhitespace(bytes[end - 1]))) {
            end--;
        }
        while (start < end && isWhitespace(bytes[start])) {
            start++;
        }
        line.setAscii(start, end - start);
        return end > start;
    }

    private boolean stripText() {
        String text = strip(new String(line.bytes(), 0, lineLength, StandardCharsets.UTF_8));
        line.setText(text);
        return !text.isEmpty();
    }

    private static boolean isWhitespace(byte b) {
        return Character.isWhitespace(b);
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
