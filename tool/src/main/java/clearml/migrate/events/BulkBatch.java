package clearml.migrate.events;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The NDJSON actions of one {@code _bulk} request, each kept apart so that refused ones can be sent again. */
final class BulkBatch {

    private static final byte NEWLINE = '\n';
    private static final byte[] HEADER_START = ascii("{\"");
    private static final byte[] HEADER_INDEX = ascii("\":{\"_index\":\"");
    private static final byte[] HEADER_ID = ascii("\",\"_id\":\"");
    private static final byte[] HEADER_END = ascii("\"}}");

    private final List<byte[]> actions = new ArrayList<>();
    private final List<String> indices = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private long bytes;

    /** The action lines of an index (create or overwrite) of a document. */
    static byte[] indexAction(String index, String id, ObjectNode source) {
        ByteArrayOutputStream action = new ByteArrayOutputStream(512);
        header(action, "index", index, id);
        action.write(NEWLINE);
        ElasticJson.write(source, action); // straight after the header: no copy of the source's bytes of its own
        action.write(NEWLINE);
        return action.toByteArray();
    }

    /** The action line of a delete of a document. */
    static byte[] deleteAction(String index, String id) {
        ByteArrayOutputStream action = new ByteArrayOutputStream(64 + index.length() + id.length());
        header(action, "delete", index, id);
        action.write(NEWLINE);
        return action.toByteArray();
    }

    void add(byte[] action, String index, String id) {
        actions.add(action);
        indices.add(index);
        ids.add(id);
        bytes += action.length;
    }

    void addFrom(BulkBatch other, int item) {
        add(other.actions.get(item), other.indices.get(item), other.ids.get(item));
    }

    int size() {
        return actions.size();
    }

    boolean isEmpty() {
        return actions.isEmpty();
    }

    long bytes() {
        return bytes;
    }

    String index(int item) {
        return indices.get(item);
    }

    String id(int item) {
        return ids.get(item);
    }

    byte[] body() {
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(bytes, Integer.MAX_VALUE - 8));
        actions.forEach(body::writeBytes);
        return body.toByteArray();
    }

    /** {@code {"<operation>":{"_index":"<index>","_id":"<id>"}}}, written as bytes: one per event, no tree. */
    private static void header(ByteArrayOutputStream header, String operation, String index, String id) {
        header.writeBytes(HEADER_START);
        header.writeBytes(quoted(operation));
        header.writeBytes(HEADER_INDEX);
        header.writeBytes(quoted(index));
        header.writeBytes(HEADER_ID);
        header.writeBytes(quoted(id));
        header.writeBytes(HEADER_END);
    }

    private static byte[] quoted(String text) {
        return JsonStringEncoder.getInstance().quoteAsUTF8(text);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
