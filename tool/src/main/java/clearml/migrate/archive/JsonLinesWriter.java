package clearml.migrate.archive;

import java.io.IOException;
import java.io.OutputStream;

/**
 * ClearML's {@code JsonLinesWriter} (data model §3.4): {@code [}, then each document as {@code \n} + document
 * with {@code ,} before all but the first, then {@code \n]}. An empty array is {@code [\n]}.
 */
final class JsonLinesWriter {

    private static final byte[] OPEN = {'['};
    private static final byte[] NEWLINE = {'\n'};
    private static final byte[] COMMA_NEWLINE = {',', '\n'};
    private static final byte[] CLOSE = {'\n', ']'};

    private final OutputStream out;
    private long count;

    JsonLinesWriter(OutputStream out) throws IOException {
        this.out = out;
        out.write(OPEN);
    }

    /** Writes one document, which must not hold a raw newline (ClearML's reader splits on it). */
    void write(byte[] document) throws IOException {
        write(document, 0, document.length);
    }

    /** Writes the document in {@code document[offset, offset + length)}. */
    void write(byte[] document, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            if (document[i] == '\n' || document[i] == '\r') {
                throw new IllegalArgumentException("a document must be one line; it holds a raw line break");
            }
        }
        writeLine(document, offset, length);
    }

    /**
     * Writes a document known to be one line, {@code document[offset, offset + length)}: JSON written with every
     * control character escaped, as the archive's event lines are; the check of {@link #write} is spared.
     */
    void writeLine(byte[] document, int offset, int length) throws IOException {
        out.write(count == 0 ? NEWLINE : COMMA_NEWLINE);
        out.write(document, offset, length);
        count++;
    }

    long count() {
        return count;
    }

    /** Closes the array; does not close the stream. */
    void end() throws IOException {
        out.write(CLOSE);
    }
}
