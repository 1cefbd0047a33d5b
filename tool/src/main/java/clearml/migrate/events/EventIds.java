package clearml.migrate.events;

import clearml.migrate.python.PythonFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Document ids of events: ClearML's own for metric events, and a deterministic one for log events.
 *
 * <p>ClearML gives log events a random {@code uuid4().hex} (clearml-data-model.md §2.4), so re-running its import
 * duplicates every log line. Our importer instead derives a log event's id from where the event sits in the
 * archive: a rerun writes the same ids (overwriting, never duplicating), while two identical log lines at
 * different positions keep different ids and are never merged.
 */
public final class EventIds {

    /** The fields ClearML hashes, in its order ({@code EventBLL.id_fields}). */
    private static final List<String> ID_FIELDS = List.of("task", "iter", "metric", "variant", "key");

    private static final String LOG_ID_NAMESPACE = "clearml-migrate log event\u0000";

    /** One digest per thread: looking MD5 up per event cost as much as hashing it (import profile, issue #14). */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(EventIds::newMd5);

    private EventIds() {
    }

    /**
     * ClearML's id of a non-log event: {@code md5_hex("-".join(str(event[f]) for f in id fields if f in event))}.
     * Pass the event as it will be stored: ClearML coerces {@code iter} to an int and defaults {@code metric} and
     * {@code variant} to {@code ""} before hashing (§2.3).
     *
     * @throws IllegalArgumentException when an id field holds an object or an array
     */
    public static String metricEventId(ObjectNode event) {
        StringBuilder joined = new StringBuilder(128);
        boolean first = true;
        for (String field : ID_FIELDS) {
            JsonNode value = event.get(field);
            if (value != null) {
                if (!first) {
                    joined.append('-');
                }
                first = false;
                joined.append(PythonFormat.str(scalar(value)));
            }
        }
        return HexFormat.of().formatHex(md5(joined.toString()));
    }

    /**
     * The value {@code json.loads} gives for a JSON scalar, for Python's {@code str()}.
     *
     * @throws IllegalArgumentException for objects and arrays: ClearML cannot index such ids either, because
     *     {@code task}, {@code metric}, {@code variant} and {@code key} are keyword fields and {@code iter} a long
     */
    private static @Nullable Object scalar(JsonNode value) {
        if (value.isContainerNode()) {
            throw new IllegalArgumentException("Cannot compute a ClearML event id over a JSON " + value.getNodeType());
        }
        if (value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isTextual() ? value.textValue() : value.isBoolean() ? Boolean.valueOf(value.booleanValue())
                : value.isIntegralNumber() ? integer(value) : Double.valueOf(value.doubleValue());
    }

    /** An integer as {@code str()} spells it either way: a long where it fits, saving a BigInteger per event. */
    private static Object integer(JsonNode value) {
        return value.canConvertToLong() ? Long.valueOf(value.longValue()) : value.bigIntegerValue();
    }

    /**
     * A deterministic id for a log event: a name-based (MD5, version 3) UUID in ClearML's 32-hex {@code uuid.hex}
     * shape, over the task id, the event's 0-based position within the task's events in the archive, and the
     * event's content as read from the archive (e.g. its JSON line).
     */
    public static String logEventId(String taskId, long position, String content) {
        byte[] utf8 = content.getBytes(StandardCharsets.UTF_8);
        return logEventId(taskId, position, utf8, 0, utf8.length);
    }

    /** {@link #logEventId(String, long, String)} over content given as UTF-8 bytes, which it leaves undecoded. */
    public static String logEventId(String taskId, long position, byte[] content, int offset, int length) {
        MessageDigest md5 = MD5.get();
        md5.update((LOG_ID_NAMESPACE + taskId + '\u0000' + position + '\u0000').getBytes(StandardCharsets.UTF_8));
        md5.update(content, offset, length);
        return HexFormat.of().formatHex(nameBasedUuid(md5.digest()));
    }

    /** The bytes {@link UUID#nameUUIDFromBytes} makes of a name's md5: version 3, IETF variant. */
    private static byte[] nameBasedUuid(byte[] md5) {
        md5[6] = (byte) (md5[6] & 0x0f | 0x30);
        md5[8] = (byte) (md5[8] & 0x3f | 0x80);
        return md5;
    }

    /** {@link #logEventId(String, long, String)} over the event's compact JSON text. */
    public static String logEventId(String taskId, long position, JsonNode event) {
        return logEventId(taskId, position, event.toString());
    }

    private static byte[] md5(String text) {
        return MD5.get().digest(text.getBytes(StandardCharsets.UTF_8)); // digest() resets it for the next use
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides MD5", e);
        }
    }
}
