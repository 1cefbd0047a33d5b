package clearml.migrate.archive;

import clearml.migrate.python.PythonFormat;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.Map;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * Python's {@code json.dumps} with bson's legacy options, the exact text mongoengine writes (data model §3.5):
 * separators {@code ", "} and {@code ": "}, everything outside printable ASCII escaped as lower-case
 * {@code \u00e9}, dates as {@code {"$date": <ms>}}, non-finite floats as bare {@code NaN}/{@code Infinity}.
 */
final class ExtendedJsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ExtendedJsonWriter() {
    }

    static void writeValue(StringBuilder out, @Nullable Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            writeString(out, text);
        } else if (value instanceof Map<?, ?> map) {
            writeObject(out, map);
        } else if (value instanceof Collection<?> list) {
            writeArray(out, list);
        } else {
            writeScalar(out, value);
        }
    }

    private static void writeScalar(StringBuilder out, Object value) {
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte) {
            out.append(value);
        } else if (value instanceof Double || value instanceof Float) {
            out.append(PythonFormat.jsonFloat(((Number) value).doubleValue()));
        } else if (value instanceof Date date) {
            out.append("{\"$date\": ").append(date.getTime()).append('}');
        } else if (value instanceof ObjectId id) {
            out.append("{\"$oid\": \"").append(id.toHexString()).append("\"}");
        } else if (value instanceof Decimal128 decimal) {
            out.append("{\"$numberDecimal\": \"").append(decimal).append("\"}");
        } else {
            throw new IllegalArgumentException("no Extended JSON form for " + value.getClass().getName());
        }
    }

    private static void writeObject(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<?, ?> entry = entries.next();
            writeString(out, String.valueOf(entry.getKey()));
            out.append(": ");
            writeValue(out, entry.getValue());
            if (entries.hasNext()) {
                out.append(", ");
            }
        }
        out.append('}');
    }

    private static void writeArray(StringBuilder out, Collection<?> list) {
        out.append('[');
        Iterator<?> items = list.iterator();
        while (items.hasNext()) {
            writeValue(out, items.next());
            if (items.hasNext()) {
                out.append(", ");
            }
        }
        out.append(']');
    }

    // Python's ensure_ascii: short escapes for the usual five, \\uXXXX for everything else outside ' '..'~'.
    static void writeString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> appendPrintable(out, c);
            }
        }
        out.append('"');
    }

    private static void appendPrintable(StringBuilder out, char c) {
        if (c >= ' ' && c <= '~') {
            out.append(c);
        } else {
            out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                    .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
        }
    }
}
