package clearml.migrate.events;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The NDJSON actions of one {@code _bulk} request, written one after another into one buffer that is the request's
 * body, with where each starts so that refused ones can be sent again. The buffer is handed in, so that the writer
 * can reuse its few buffers: a batch lives as long as its request, long enough for a young collection to copy it to
 * the old generation, and with fresh arrays per action and a body copy of them every batch did (issue #14: a
 * full collection every few seconds of a 1M-event import, a seventh of its wall time in pauses).
 */
final class BulkBatch {

    private static final byte NEWLINE = '\n';
    private static final byte[] HEADER_START = ascii("{\"");
    private static final byte[] HEADER_INDEX = ascii("\":{\"_index\":\"");
    private static final byte[] HEADER_ID = ascii("\",\"_id\":\"");
    private static final byte[] HEADER_END = ascii("\"}}");

    private byte[] buffer;
    private int length;
    private int[] starts = new int[1024];
    private final List<String> indices = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();

    /** A batch that writes into {@code buffer} and grows it only for more bytes than it holds. */
    BulkBatch(byte[] buffer) {
        this.buffer = buffer;
    }

    /** A batch with a small buffer of its own, grown as needed. */
    BulkBatch() {
        this(new byte[4096]);
    }

    /** The action lines of an index (create or overwrite) of a document. */
    static byte[] indexAction(String index, String id, ObjectNode source) {
        ByteArrayOutputStream action = new ByteArrayOutputStream(512);
        action.writeBytes(lines("index", index, id, null));
        ElasticJson.write(source, action); // straight after the header: no copy of the source's bytes of its own
        action.write(NEWLINE);
        return action.toByteArray();
    }

    /** The action lines of an index of a document given as the JSON bytes of one object. */
    static byte[] indexAction(String index, String id, byte[] source) {
        return lines("index", index, id, source);
    }

    /** The action line of a delete of a document. */
    static byte[] deleteAction(String index, String id) {
        return lines("delete", index, id, null);
    }

    void add(byte[] action, String index, String id) {
        append(action, 0, action.length, index, id);
    }

    void addFrom(BulkBatch other, int item) {
        int start = other.starts[item];
        int end = item + 1 < other.size() ? other.starts[item + 1] : other.length;
        append(other.buffer, start, end - start, other.indices.get(item), other.ids.get(item));
    }

    private void append(byte[] bytes, int offset, int count, String index, String id) {
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(Math.max((long) buffer.length * 2, (long) length + count),
                    Integer.MAX_VALUE - 8));
        }
        if (size() == starts.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
        }
        starts[size()] = length;
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
        indices.add(index);
        ids.add(id);
    }

    int size() {
        return ids.size();
    }

    boolean isEmpty() {
        return ids.isEmpty();
    }

    long bytes() {
        return length;
    }

    String index(int item) {
        return indices.get(item);
    }

    String id(int item) {
        return ids.get(item);
    }

    /** The request's body: the first {@link #bytes()} bytes of this array, which the batch owns until it is done. */
    byte[] buffer() {
        return buffer;
    }

    /**
     * {@code {"<operation>":{"_index":"<index>","_id":"<id>"}}} and a newline, then the source and a newline when
     * there is one, in one array of their exact size: the import writes one per event, so no stream, growth or copy
     * out of one (issue #14), and no tree.
     */
    private static byte[] lines(String operation, String index, String id, byte @Nullable [] source) {
        byte[] quotedOperation = quoted(operation);
        byte[] quotedIndex = quoted(index);
        byte[] quotedId = quoted(id);
        int headerLength = HEADER_START.length + quotedOperation.length + HEADER_INDEX.length + quotedIndex.length
                + HEADER_ID.length + quotedId.length + HEADER_END.length + 1;
        byte[] lines = new byte[headerLength + (source == null ? 0 : source.length + 1)];
        int at = put(lines, 0, HEADER_START);
        at = put(lines, at, quotedOperation);
        at = put(lines, at, HEADER_INDEX);
        at = put(lines, at, quotedIndex);
        at = put(lines, at, HEADER_ID);
        at = put(lines, at, quotedId);
        at = put(lines, at, HEADER_END);
        lines[at++] = NEWLINE;
        if (source != null) {
            at = put(lines, at, source);
            lines[at] = NEWLINE;
        }
        return lines;
    }

    private static int put(byte[] into, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, into, at, bytes.length);
        return at + bytes.length;
    }

    /** The text as the inside of a JSON string; ids and index names are plain ASCII, which needs no escape. */
    private static byte[] quoted(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return JsonStringEncoder.getInstance().quoteAsUTF8(text);
            }
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
