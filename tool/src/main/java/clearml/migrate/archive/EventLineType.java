package clearml.migrate.archive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The top-level {@code type} of the one JSON object an event line holds, for the validation pass that reads every
 * event of an archive before anything is written: a text node, a null node when it is not a string, the missing
 * node when there is none; {@link IllegalArgumentException} when the line is not one JSON object.
 *
 * <p>Jackson's tokenizer was most of that pass's time (issue #14), so a short ASCII line is first checked by a
 * strict scanner of RFC 8259 JSON: an object at the top, nesting up to {@value #MAX_DEPTH}, numbers up to
 * {@value #MAX_NUMBER_CHARS} characters, lines up to {@value #MAX_SCANNED_BYTES} bytes (so every name and string
 * stays far below Jackson's caps). The scanner declines anything else (NaN, leading zeros, control characters, a
 * {@code type} or top-level name with escapes, a fault anywhere) to Jackson, which accepts it or words the refusal.
 * So the scanner never accepts a line Jackson refuses, and gives the type Jackson gives.
 */
final class EventLineType {

    static final int MAX_SCANNED_BYTES = 32 * 1024;
    static final int MAX_DEPTH = 64;
    static final int MAX_NUMBER_CHARS = 100;

    private static final byte[] TYPE = "type".getBytes(StandardCharsets.US_ASCII);
    private static final int DECLINED = -1;

    private final JsonFactory factory;

    EventLineType(JsonFactory factory) {
        this.factory = factory;
    }

    JsonNode of(ArchiveLine line) {
        if (line.ascii() && line.length() <= MAX_SCANNED_BYTES) {
            JsonNode type = scanned(line.bytes(), line.offset(), line.length());
            if (type != null) {
                return type;
            }
        }
        return parsed(line);
    }

    /** Jackson's answer: the line tokenized to its end, the top-level {@code type} kept. */
    JsonNode parsed(ArchiveLine line) {
        try (JsonParser parser = line.ascii() ? factory.createParser(line.bytes(), line.offset(), line.length())
                : factory.createParser(line.text())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            JsonNode type = MissingNode.getInstance();
            for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                JsonToken value = parser.nextToken();
                if (field.equals("type")) {
                    type = value == JsonToken.VALUE_STRING ? TextNode.valueOf(parser.getText()) : NullNode.getInstance();
                }
                parser.skipChildren();
            }
            if (parser.nextToken() != null) { // as FAIL_ON_TRAILING_TOKENS does for events()
                throw new IllegalArgumentException("not one JSON document (trailing " + parser.currentToken() + ")");
            }
            return type;
        } catch (IOException e) {
            throw new IllegalArgumentException("not one JSON document (" + ExtendedJson.firstLine(e.getMessage())
                    + ")", e);
        }
    }

    /** The strict scanner's answer, or null when it declines the line. */
    static @Nullable JsonNode scanned(byte[] bytes, int offset, int length) {
        return new Scan(bytes, offset + length).type(offset);
    }

    /** One pass over one line; the open containers are bits, and calls nest no deeper than they do. */
    private static final class Scan {
        private final byte[] bytes;
        private final int end;
        private long objects; // bit d set: the container at depth d is an object
        private int depth;
        private JsonNode type = MissingNode.getInstance();

        Scan(byte[] bytes, int end) {
            this.bytes = bytes;
            this.end = end;
        }

        @Nullable JsonNode type(int start) {
            int i = whitespace(start);
            if (at(i) != '{') {
                return null;
            }
            i = value(i);
            while (i != DECLINED && depth > 0) {
                i = next(i);
            }
            return i != DECLINED && whitespace(i) == end ? type : null;
        }

        /** After a value inside a container: a comma and the next member or element, or the container's end. */
        private int next(int from) {
            int i = whitespace(from);
            int c = at(i);
            boolean inObject = (objects & 1L << depth) != 0;
            if (c == ',') {
                return inObject ? member(i + 1) : value(whitespace(i + 1));
            }
            if (c == (inObject ? '}' : ']')) {
                depth--;
                return i + 1;
            }
            return DECLINED;
        }

        /** A name, a colon and its value; a top-level {@code type} is kept when it is a plain string. */
        private int member(int from) {
            int name = whitespace(from);
            int afterName = string(name);
            if (afterName == DECLINED) {
                return DECLINED;
            }
            boolean topLevel = depth == 1;
            if (topLevel && hasEscape(name, afterName)) {
                return DECLINED; // an escaped name may spell "type"
            }
            int colon = whitespace(afterName);
            if (at(colon) != ':') {
                return DECLINED;
            }
            int value = whitespace(colon + 1);
            int afterValue = value(value);
            if (afterValue != DECLINED && topLevel && isType(name + 1, afterName - 1)) {
                if (at(value) != '"') {
                    type = NullNode.getInstance();
                } else if (hasEscape(value, afterValue)) {
                    return DECLINED;
                } else {
                    type = TextNode.valueOf(new String(bytes, value + 1, afterValue - value - 2,
                            StandardCharsets.US_ASCII));
                }
            }
            return afterValue;
        }

        /** One value from {@code i}; an object or array is only opened (its members follow through next). */
        private int value(int i) {
            int c = at(i);
            switch (c) {
                case '{', '[' -> {
                    if (++depth > MAX_DEPTH) {
                        return DECLINED;
                    }
                    objects = c == '{' ? objects | 1L << depth : objects & ~(1L << depth);
                    int first = whitespace(i + 1);
                    if (at(first) == (c == '{' ? '}' : ']')) {
                        depth--;
                        return first + 1;
                    }
                    return c == '{' ? member(first) : value(first);
                }
                case '"' -> {
                    return string(i);
                }
                case 't' -> {
                    return literal(i, "true");
                }
                case 'f' -> {
                    return literal(i, "false");
                }
                case 'n' -> {
                    return literal(i, "null");
                }
                default -> {
                    return c == '-' || c >= '0' && c <= '9' ? number(i) : DECLINED;
                }
            }
        }

        /** A string from its opening quote: printable ASCII and the eight escapes; the index after its close. */
        private int string(int i) {
            if (at(i) != '"') {
                return DECLINED;
            }
            for (i++; i < end; i++) {
                int c = bytes[i];
                if (c == '"') {
                    return i + 1;
                }
                if (c < 0x20) { // a control character, or a byte beyond ASCII
                    return DECLINED;
                }
                if (c == '\\') {
                    i = escape(i + 1);
                    if (i == DECLINED) {
                        return DECLINED;
                    }
                }
            }
            return DECLINED;
        }

        /** The escape after a backslash at {@code i}; the index of its last character. */
        private int escape(int i) {
            switch (at(i)) {
                case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                    return i;
                }
                case 'u' -> {
                    for (int k = 1; k <= 4; k++) {
                        if (Character.digit(at(i + k), 16) < 0) {
                            return DECLINED;
                        }
                    }
                    return i + 4;
                }
                default -> {
                    return DECLINED;
                }
            }
        }

        /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}, at most MAX_NUMBER_CHARS long. */
        private int number(int start) {
            int i = start;
            if (at(i) == '-') {
                i++;
            }
            if (at(i) == '0') {
                i++;
            } else {
                i = digits(i);
            }
            if (i != DECLINED && at(i) == '.') {
                i = digits(i + 1);
            }
            if (i != DECLINED && (at(i) == 'e' || at(i) == 'E')) {
                i++;
                if (at(i) == '+' || at(i) == '-') {
                    i++;
                }
                i = digits(i);
            }
            return i != DECLINED && i - start <= MAX_NUMBER_CHARS ? i : DECLINED;
        }

        /** One digit or more from {@code i}; the index after them. */
        private int digits(int i) {
            int start = i;
            while (at(i) >= '0' && at(i) <= '9') {
                i++;
            }
            return i > start ? i : DECLINED;
        }

        private int literal(int i, String word) {
            for (int k = 0; k < word.length(); k++) {
                if (at(i + k) != word.charAt(k)) {
                    return DECLINED;
                }
            }
            return i + word.length();
        }

        private int whitespace(int i) {
            while (i < end && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\n' || bytes[i] == '\r')) {
                i++;
            }
            return i;
        }

        private boolean hasEscape(int quote, int afterClose) {
            for (int i = quote + 1; i < afterClose - 1; i++) {
                if (bytes[i] == '\\') {
                    return true;
                }
            }
            return false;
        }

        private boolean isType(int from, int to) {
            return to - from == TYPE.length && Arrays.equals(bytes, from, to, TYPE, 0, TYPE.length);
        }

        /** The byte at {@code i}, or -1 past the line's end (or at a declined index). */
        private int at(int i) {
            return i >= 0 && i < end ? bytes[i] : -1;
        }
    }
}
