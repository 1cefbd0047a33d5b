package clearml.migrate.exporting;

import clearml.migrate.events.PlotCodec;
import clearml.migrate.python.PythonFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a stored event's archive line straight from the bytes the engine sent, in one pass and without decoding
 * text: the line {@code ArchiveJson}'s generator would write for the same event (compact, non-ASCII and control
 * characters escaped as Jackson escapes them, upper-case {@code \u00E9}, floats as Python's {@code repr}). Most
 * events are already in that form but for whitespace and raw UTF-8, and are copied a run of bytes at a time. What
 * this pass does not handle the same way as the generator ({@code NaN}, {@code -0}, a raw control character,
 * malformed UTF-8, nesting deeper than {@value #MAX_DEPTH}) makes {@link #copy} answer false, and the caller copies
 * that event token by token ({@link SourceCopy}). Notes the top-level {@code type} and {@code plot_data} as
 * {@link SourceCopy} does. Not thread-safe: one per worker.
 */
final class SourceBytes {

    static final int MAX_DEPTH = 64;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYPE = "type".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PLOT_DATA = PlotCodec.PLOT_DATA.getBytes(StandardCharsets.US_ASCII);
    /** Python's {@code repr} is positional down to this many zeros after the point ({@code 0.0001}). */
    private static final int MAX_LEADING_ZEROS = 3;
    /** Up to this many significant digits, a decimal reads back as a double whose shortest form it is. */
    private static final int EXACT_DIGITS = 15;

    private byte[] out = new byte[8 * 1024];
    private int size;
    private final boolean[] inObject = new boolean[MAX_DEPTH];
    private int depth;
    /** Whether a string here is a field name. */
    private boolean name;
    /** Whether the next top-level string is the value of {@code type}. */
    private boolean typeNext;
    private String type = "";
    private boolean plotData;

    /** The line written by the last successful {@link #copy}: {@code array()[0, size())}. */
    byte[] array() {
        return out;
    }

    int size() {
        return size;
    }

    /** The top-level {@code type} of the event copied last, or {@code ""}. */
    String type() {
        return type;
    }

    /** Whether the event copied last holds a top-level {@code plot_data}. */
    boolean hasPlotData() {
        return plotData;
    }

    /** Lets go of a buffer grown past {@code keptBytes} by one large event. */
    void shrink(int keptBytes) {
        if (out.length > keptBytes) {
            out = new byte[8 * 1024];
        }
    }

    /**
     * Writes the line of the JSON object in {@code in[from, to)} (valid JSON, as the engine's answer held it).
     *
     * @return false when this event must be copied token by token instead; the line is then incomplete
     */
    boolean copy(byte[] in, int from, int to) {
        size = 0;
        reserve(to - from); // enough for all but what writes more than it reads: raw UTF-8 and reformatted floats
        type = "";
        plotData = false;
        depth = 0;
        name = false;
        typeNext = false;
        for (int i = from; i < to; ) {
            i = token(in, i, to);
            if (i < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    /** Writes the token at {@code i}; returns the index after it, or -1 when the token copy must take the event. */
    private int token(byte[] in, int i, int to) {
        byte b = in[i];
        return switch (b) {
            case ' ', '\t', '\n', '\r' -> i + 1;
            case '{', '[' -> open(b, i);
            case '}', ']' -> {
                depth--;
                name = false;
                put(b);
                yield i + 1;
            }
            case ',' -> {
                name = inObject[depth - 1];
                put(b);
                yield i + 1;
            }
            case ':' -> {
                put(b);
                yield i + 1;
            }
            case '"' -> text(in, i, to);
            case 't', 'f', 'n' -> value(literal(in, i, to));
            default -> value(number(in, i, to));
        };
    }

    private int open(byte b, int i) {
        if (depth == MAX_DEPTH) {
            return -1;
        }
        inObject[depth++] = b == '{';
        name = b == '{';
        put(b);
        return i + 1;
    }

    /** A string: a field name (the top level's {@code type} and {@code plot_data} noted) or a value. */
    private int text(byte[] in, int i, int to) {
        int start = size;
        int end = string(in, i + 1, to);
        if (end >= 0 && name && depth == 1) {
            typeNext = named(start, TYPE);
            plotData |= named(start, PLOT_DATA);
        } else if (end >= 0 && typeNext && depth == 1) {
            type = new String(out, start + 1, size - start - 2, StandardCharsets.US_ASCII);
            typeNext = false;
        }
        name = false;
        return end;
    }

    /** After a number or literal: a top-level {@code type} that is not a string names no type. */
    private int value(int end) {
        typeNext = false;
        return end;
    }

    /** Whether the string just written from {@code start} (quotes included) is {@code "<text>"}. */
    private boolean named(int start, byte[] text) {
        return size - start == text.length + 2 && Arrays.equals(out, start + 1, size - 1, text, 0, text.length);
    }

    /** Copies the string whose text starts at {@code i}; returns the index after its closing quote, or -1. */
    private int string(byte[] in, int i, int to) {
        put((byte) '"');
        int run = i;
        while (i < to) {
            byte b = in[i];
            if (b >= 0x20 && b != '"' && b != '\\') { // printable ASCII and DEL, which the generator writes as is
                i++;
                continue;
            }
            putAll(in, run, i);
            if (b == '"') {
                put(b);
                return i + 1;
            }
            i = b == '\\' ? escape(in, i + 1, to) : b < 0 ? utf8(in, i, to) : -1; // a raw control character: -1
            if (i < 0) {
                return -1;
            }
            run = i;
        }
        return -1;
    }

    /** Writes the character escaped at {@code i} (after the backslash) as the generator would; the index after it. */
    private int escape(byte[] in, int i, int to) {
        if (i >= to) {
            return -1;
        }
        switch (in[i]) {
            case '"' -> character('"');
            case '\\' -> character('\\');
            case '/' -> character('/');
            case 'b' -> character('\b');
            case 'f' -> character('\f');
            case 'n' -> character('\n');
            case 'r' -> character('\r');
            case 't' -> character('\t');
            case 'u' -> {
                int c = i + 4 < to ? hex(in, i + 1) : -1;
                if (c < 0) {
                    return -1;
                }
                character((char) c);
                return i + 5;
            }
            default -> {
                return -1;
            }
        }
        return i + 1;
    }

    /** Decodes the UTF-8 sequence at {@code i} into UTF-16 units written escaped; the index after it, or -1. */
    private int utf8(byte[] in, int i, int to) {
        int lead = in[i] & 0xFF;
        int length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
        if (length == 0 || lead > 0xF4 || i + length > to) {
            return -1;
        }
        int code = lead & (0x7F >> length);
        for (int k = 1; k < length; k++) {
            int next = in[i + k] & 0xFF;
            if ((next & 0xC0) != 0x80) {
                return -1;
            }
            code = code << 6 | next & 0x3F;
        }
        int least = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
        reserve(12 + to - i);
        if (code < least || code > Character.MAX_CODE_POINT || (code >= 0xD800 && code <= 0xDFFF)) {
            return -1; // overlong, out of range or a surrogate: the token copy reports it as the parser does
        }
        if (code >= 0x10000) {
            character(Character.highSurrogate(code));
            character(Character.lowSurrogate(code));
        } else {
            character((char) code);
        }
        return i + length;
    }

    /** One UTF-16 unit as the generator writes it inside a string. */
    private void character(char c) {
        switch (c) {
            case '"', '\\' -> {
                put((byte) '\\');
                put((byte) c);
            }
            case '\b' -> escaped('b');
            case '\f' -> escaped('f');
            case '\n' -> escaped('n');
            case '\r' -> escaped('r');
            case '\t' -> escaped('t');
            default -> {
                if (c >= 0x20 && c <= 0x7F) {
                    put((byte) c);
                } else {
                    unicode(c);
                }
            }
        }
    }

    private void escaped(char c) {
        put((byte) '\\');
        put((byte) c);
    }

    private void unicode(char c) {
        out[size++] = '\\';
        out[size++] = 'u';
        out[size++] = HEX[c >> 12 & 0xF];
        out[size++] = HEX[c >> 8 & 0xF];
        out[size++] = HEX[c >> 4 & 0xF];
        out[size++] = HEX[c & 0xF];
    }

    private static int hex(byte[] in, int i) {
        int value = 0;
        for (int k = i; k < i + 4; k++) {
            int digit = Character.digit(in[k], 16);
            if (digit < 0) {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /** Copies {@code true}, {@code false} or {@code null} at {@code i}; the index after it, or -1. */
    private int literal(byte[] in, int i, int to) {
        int end = i;
        while (end < to && in[end] >= 'a' && in[end] <= 'z') {
            end++;
        }
        int length = end - i;
        boolean known = length == 4 && (startsWith(in, i, "true") || startsWith(in, i, "null"))
                || length == 5 && startsWith(in, i, "false");
        if (!known) {
            return -1;
        }
        putAll(in, i, end);
        return end;
    }

    private static boolean startsWith(byte[] in, int i, String word) {
        for (int k = 0; k < word.length(); k++) {
            if (in[i + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Copies the number at {@code i}: an integer as it is, a float as Python's {@code repr} (as it is when it
     * already is one); the index after it, or -1 for what the token copy must write ({@code -0}, {@code NaN},
     * {@code -Infinity}).
     */
    private int number(byte[] in, int i, int to) {
        int start = i;
        int integer = in[i] == '-' ? i + 1 : i;
        int fraction = digits(in, integer, to);
        int integerDigits = fraction - integer;
        if (integerDigits == 0 || integerDigits > 1 && in[integer] == '0') {
            return -1;
        }
        if (fraction == to || in[fraction] != '.' && in[fraction] != 'e' && in[fraction] != 'E') {
            if (integerDigits == 1 && in[integer] == '0' && integer > start) {
                return -1; // -0: the generator writes the integer 0
            }
            putAll(in, start, fraction);
            return fraction;
        }
        return decimal(in, start, integer, fraction, to);
    }

    /** Writes the float at {@code start} whose integer part ends at {@code point}; the index after it, or -1. */
    private int decimal(byte[] in, int start, int integer, int point, int to) {
        int i = point;
        if (in[i] == '.') {
            i = digits(in, point + 1, to);
            if (i == point + 1) {
                return -1;
            }
        }
        int end = i;
        if (i < to && (in[i] == 'e' || in[i] == 'E')) {
            int exponent = i + 1 < to && (in[i + 1] == '+' || in[i + 1] == '-') ? i + 2 : i + 1;
            end = digits(in, exponent, to);
            if (end == exponent) {
                return -1;
            }
        }
        if (end == i && isRepr(in, integer, point + 1, end)) {
            putAll(in, start, end);
        } else {
            String text = new String(in, start, end - start, StandardCharsets.US_ASCII);
            byte[] repr = PythonFormat.jsonFloat(Double.parseDouble(text)).getBytes(StandardCharsets.US_ASCII);
            reserve(repr.length + to - end);
            putAll(repr, 0, repr.length);
        }
        return end;
    }

    private static int digits(byte[] in, int i, int to) {
        while (i < to && in[i] >= '0' && in[i] <= '9') {
            i++;
        }
        return i;
    }

    /**
     * Whether the positional float {@code in[integer, end)} (its fraction from {@code fraction}) is already
     * Python's {@code repr}: up to {@value #EXACT_DIGITS} significant digits read back as a double whose shortest
     * digits they are, so the text is the repr when it is positional in repr's range and has no trailing zero
     * but the one of {@code 1.0}.
     */
    private static boolean isRepr(byte[] in, int integer, int fraction, int end) {
        int fractionDigits = end - fraction;
        boolean wholeNumber = fractionDigits == 1 && in[fraction] == '0';
        if (!wholeNumber && in[end - 1] == '0') {
            return false;
        }
        int integerDigits = fraction - 1 - integer;
        if (integerDigits == 1 && in[integer] == '0') {
            if (wholeNumber) {
                return true; // 0.0
            }
            int zeros = 0;
            while (in[fraction + zeros] == '0') {
                zeros++;
            }
            return zeros <= MAX_LEADING_ZEROS && fractionDigits - zeros <= EXACT_DIGITS;
        }
        return integerDigits + (wholeNumber ? 0 : fractionDigits) <= EXACT_DIGITS;
    }

    // Room is reserved ahead for what is left of the input: every byte read writes at most one, but for the
    // places that write more (a UTF-8 sequence as escapes, a float as its repr), which reserve their surplus.
    private void put(byte b) {
        out[size++] = b;
    }

    private void putAll(byte[] in, int from, int to) {
        int length = to - from;
        System.arraycopy(in, from, out, size, length);
        size += length;
    }

    /** Makes room for {@code more} bytes and a few more. */
    private void reserve(int more) {
        if (size + more + 16 > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, size + more + 16));
        }
    }
}
