package clearml.migrate.archive;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One stripped line of an archive entry as {@link JsonLines} hands it out, valid until its next line: the bytes of
 * an all-ASCII line in place (no decode, no copy, for Jackson's byte parser), the text of any other.
 */
final class ArchiveLine {

    private byte[] bytes = new byte[1024];
    private int offset;
    private int length;
    private @Nullable String text;

    /** Whether the line is all ASCII, so that {@link #bytes()} from {@link #offset()} is the line. */
    boolean ascii() {
        return text == null;
    }

    byte[] bytes() {
        return bytes;
    }

    int offset() {
        return offset;
    }

    int length() {
        return length;
    }

    /** The line as text; decoded from the bytes of an ASCII line at each call. */
    String text() {
        return text != null ? text : new String(bytes, offset, length, StandardCharsets.US_ASCII);
    }

    /** Its length in characters: what the progress counts. */
    int chars() {
        return text != null ? text.length() : length;
    }

    /** The buffer the raw line is read into, grown to hold {@code capacity} bytes with the {@code kept} first. */
    byte[] buffer(int capacity, int kept) {
        if (capacity > bytes.length) {
            byte[] larger = new byte[Math.max(capacity, bytes.length * 2)];
            System.arraycopy(bytes, 0, larger, 0, kept);
            bytes = larger;
        }
        return bytes;
    }

    void setAscii(int offset, int length) {
        this.offset = offset;
        this.length = length;
        this.text = null;
    }

    void setText(String text) {
        this.text = text;
        this.offset = 0;
        this.length = 0;
    }
}
