package clearml.migrate.importing;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * One flat JSON object (every value a string, a number, a boolean or null) read from the bytes of an all-ASCII
 * archive line and written back compact exactly as Jackson writes the tree it parses from that line: strings with
 * only {@code "}, {@code \} and control characters escaped and everything else as raw UTF-8, integers as their
 * value, floats as {@link Double#toString}. That is the form the import's tree path stores and hashes, without the
 * tree: a scalar, log or debug-image event is most of an archive, and building, editing and serializing a tree for
 * each cost more CPU than the engine spends storing it (issue #14).
 *
 * <p>{@link #read} declines (returns false) whatever it does not reproduce exactly, and the caller parses that line
 * as a tree as before: a nested value, {@code NaN} or an infinite float, an integer beyond 18 digits, a string that
 * escapes a surrogate, a repeated field name (Jackson keeps the first position with the last value), anything that
 * is not one JSON object. One instance per thread; what it holds is valid until its next {@link #read}.
 */
final class FlatJsonObject {

    /** The JSON kind of a field's value. */
    enum Kind { STRING, INTEGER, FLOAT, TRUE, FALSE, NULL }

    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");
    private static final int MAX_INTEGER_DIGITS = 18; // always a long

    private byte[] in = new byte[0];
    private int at;
    private int end;

    /** The object written compact: {@code {"a":1,"b":"x"}}, with where each field's name and value are. */
    private byte[] out = new byte[1024];
    private int length;
    private int size;
    private int[] nameStart = new int[32];
    private int[] valueStart = new int[32];
    private int[] valueEnd = new int[32];
    private Kind[] kinds = new Kind[32];
    private long[] integers = new long[32];
    private double[] floats = new double[32];
    private @Nullable String[] unescaped = new String[32];

    /** Reads the object from {@code bytes}; false when it is not a flat JSON object written here exactly. */
    boolean read(byte[] bytes, int offset, int count) {
        in = bytes;
        at = offset;
        end = offset + count;
        length = 0;
        size = 0;
        skipWhitespace();
        if (!take('{')) {
            return false;
        }
        write((byte) '{');
        skipWhitespace();
        if (!take('}')) {
            do {
                if (!field()) {
                    return false;
                }
                skipWhitespace();
            } while (take(','));
            if (!take('}')) {
                return false;
            }
        }
        write((byte) '}');
        skipWhitespace();
        return at == end && namesDistinct();
    }

    /** The object as Jackson writes its tree, compact: {@code bytes()[0 .. length())}. */
    byte[] bytes() {
        return out;
    }

    int length() {
        return length;
    }

    /** How many fields the object has, in their order. */
    int size() {
        return size;
    }

    /** The index of the field named {@code name} (quoted, as {@link #quoted} makes it), or -1. */
    int indexOf(byte[] quotedName) {
        for (int field = 0; field < size; field++) {
            int start = nameStart[field];
            if (valueStart[field] - start - 1 == quotedName.length
                    && Arrays.equals(out, start, start + quotedName.length, quotedName, 0, quotedName.length)) {
                return field;
            }
        }
        return -1;
    }

    Kind kind(int field) {
        return kinds[field];
    }

    /** The text of a string value. */
    String text(int field) {
        String text = unescaped[field];
        int start = valueStart[field] + 1; // past the quotes
        return text != null ? text : new String(out, start, valueEnd[field] - 1 - start, StandardCharsets.US_ASCII);
    }

    /** The value of an integer field. */
    long integer(int field) {
        return integers[field];
    }

    /** The value as the node Jackson's tree holds for it (an int-sized integer is an {@link IntNode}). */
    JsonNode node(int field) {
        return switch (kinds[field]) {
            case STRING -> TextNode.valueOf(text(field));
            case INTEGER -> integers[field] == (int) integers[field] ? IntNode.valueOf((int) integers[field])
                    : LongNode.valueOf(integers[field]);
            case FLOAT -> DoubleNode.valueOf(floats[field]);
            case TRUE -> BooleanNode.TRUE;
            case FALSE -> BooleanNode.FALSE;
            case NULL -> NullNode.getInstance();
        };
    }

    /** Where the field starts (its quoted name) in {@link #bytes()}. */
    int fieldStart(int field) {
        return nameStart[field];
    }

    int valueStart(int field) {
        return valueStart[field];
    }

    int valueEnd(int field) {
        return valueEnd[field];
    }

    /** A field name or string value as this class writes it: quoted, escaped as Jackson escapes. */
    static byte[] quoted(String text) {
        byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(text);
        byte[] quoted = new byte[escaped.length + 2];
        quoted[0] = '"';
        System.arraycopy(escaped, 0, quoted, 1, escaped.length);
        quoted[quoted.length - 1] = '"';
        return quoted;
    }

    private boolean field() {
        grow();
        if (size > 0) {
            write((byte) ',');
        }
        nameStart[size] = length;
        skipWhitespace();
        if (at >= end || in[at] != '"' || !string(size)) {
            return false;
        }
        skipWhitespace();
        if (!take(':')) {
            return false;
        }
        write((byte) ':');
        skipWhitespace();
        valueStart[size] = length;
        if (!value(size)) {
            return false;
        }
        valueEnd[size] = length;
        size++;
        return true;
    }

    private boolean value(int field) {
        if (at >= end) {
            return false;
        }
        byte first = in[at];
        unescaped[field] = null;
        if (first == '"') {
            kinds[field] = Kind.STRING;
            return string(field);
        }
        if (first == '-' || first >= '0' && first <= '9') {
            return number(field);
        }
        return literal(field, TRUE, Kind.TRUE) || literal(field, FALSE, Kind.FALSE) || literal(field, NULL, Kind.NULL);
    }

    /** A string from its opening quote: copied when it escapes nothing, else decoded and escaped as Jackson does. */
    private boolean string(int field) {
        int start = at;
        at++;
        boolean escapes = false;
        while (at < end && in[at] != '"') {
            if (in[at] < 0x20) {
                return false;
            }
            if (in[at] == '\\') {
                escapes = true;
                at++;
            }
            at++;
        }
        if (at >= end) {
            return false;
        }
        at++;
        if (!escapes) {
            write(in, start, at - start);
            return true;
        }
        String text = unescape(start + 1, at - 1);
        if (text == null) {
            return false;
        }
        unescaped[field] = text;
        write((byte) '"');
        byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(text);
        write(escaped, 0, escaped.length);
        write((byte) '"');
        return true;
    }

    /** The text of an escaped JSON string; null for a bad escape or a surrogate, which Jackson may write otherwise. */
    private @Nullable String unescape(int from, int to) {
        StringBuilder text = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = (char) in[i];
            if (c != '\\') {
                text.append(c);
                continue;
            }
            i++;
            char escaped = switch (in[i]) {
                case '"' -> '"';
                case '\\' -> '\\';
                case '/' -> '/';
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'u' -> hex(i + 1, to);
                default -> Character.MIN_SURROGATE;
            };
            if (Character.isSurrogate(escaped)) {
                return null;
            }
            text.append(escaped);
            if (in[i] == 'u') {
                i += 4;
            }
        }
        return text.toString();
    }

    /** The character of four hex digits at {@code from}; a surrogate (refused) when they are not four hex digits. */
    private char hex(int from, int to) {
        if (from + 4 > to) {
            return Character.MIN_SURROGATE;
        }
        int value = 0;
        for (int i = from; i < from + 4; i++) {
            int digit = Character.digit(in[i], 16);
            if (digit < 0) {
                return Character.MIN_SURROGATE;
            }
            value = value * 16 + digit;
        }
        return (char) value;
    }

    /** A number by JSON's grammar: an integer written as its value, a float as {@link Double#toString}. */
    private boolean number(int field) {
        int start = at;
        if (in[at] == '-') {
            at++;
        }
        int digits = digits();
        if (digits == 0 || digits > 1 && in[at - digits] == '0') {
            return false; // no digit, or a leading zero: not JSON
        }
        boolean fraction = at < end && in[at] == '.';
        if (fraction) {
            at++;
            if (digits() == 0) {
                return false;
            }
        }
        boolean exponent = at < end && (in[at] == 'e' || in[at] == 'E');
        if (exponent) {
            at++;
            if (at < end && (in[at] == '+' || in[at] == '-')) {
                at++;
            }
            if (digits() == 0) {
                return false;
            }
        }
        String text = new String(in, start, at - start, StandardCharsets.US_ASCII);
        if (!fraction && !exponent) {
            if (digits > MAX_INTEGER_DIGITS) {
                return false;
            }
            kinds[field] = Kind.INTEGER;
            integers[field] = Long.parseLong(text);
            writeAscii(Long.toString(integers[field]));
            return true;
        }
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            return false;
        }
        kinds[field] = Kind.FLOAT;
        floats[field] = value;
        writeAscii(Double.toString(value));
        return true;
    }

    private int digits() {
        int start = at;
        while (at < end && in[at] >= '0' && in[at] <= '9') {
            at++;
        }
        return at - start;
    }

    private boolean literal(int field, byte[] literal, Kind kind) {
        if (end - at < literal.length || !Arrays.equals(in, at, at + literal.length, literal, 0, literal.length)) {
            return false;
        }
        at += literal.length;
        kinds[field] = kind;
        write(literal, 0, literal.length);
        return true;
    }

    private boolean namesDistinct() {
        for (int field = 1; field < size; field++) {
            int start = nameStart[field];
            int nameLength = valueStart[field] - start - 1;
            for (int earlier = 0; earlier < field; earlier++) {
                int other = nameStart[earlier];
                if (valueStart[earlier] - other - 1 == nameLength
                        && Arrays.equals(out, start, start + nameLength, out, other, other + nameLength)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void skipWhitespace() {
        while (at < end && (in[at] == ' ' || in[at] == '\t' || in[at] == '\n' || in[at] == '\r')) {
            at++;
        }
    }

    private boolean take(char c) {
        if (at < end && in[at] == c) {
            at++;
            return true;
        }
        return false;
    }

    private void grow() {
        if (size == kinds.length) {
            int larger = size * 2;
            nameStart = Arrays.copyOf(nameStart, larger);
            valueStart = Arrays.copyOf(valueStart, larger);
            valueEnd = Arrays.copyOf(valueEnd, larger);
            kinds = Arrays.copyOf(kinds, larger);
            integers = Arrays.copyOf(integers, larger);
            floats = Arrays.copyOf(floats, larger);
            unescaped = Arrays.copyOf(unescaped, larger);
        }
    }

    private void write(byte b) {
        ensure(1);
        out[length++] = b;
    }

    private void write(byte[] bytes, int offset, int count) {
        ensure(count);
        System.arraycopy(bytes, offset, out, length, count);
        length += count;
    }

    private void writeAscii(String text) {
        ensure(text.length());
        text.getBytes(0, text.length(), out, length); // ASCII: one byte per char
        length += text.length();
    }

    private void ensure(int more) {
        if (length + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, length + more));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
