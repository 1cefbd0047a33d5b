package clearml.migrate.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.jspecify.annotations.Nullable;

/**
 * An order-independent digest of a set of events, each taken as its id and its canonical source: the sum of a
 * 64-bit hash per event, and the count. Canonical means what a store may change without changing the event: field
 * order within an object, whitespace, how a number is spelled ({@code 1.0} and {@code 1.00} are one double). So the
 * events an import would write and the events a target holds have equal digests exactly when they are the same
 * events, whichever order the engine returns them in, without holding any of them.
 *
 * <p>Not cryptographic: it tells an unchanged set of events from a changed one, not from a forged one.
 */
public final class EventDigest {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private long count;
    private long sum;

    /**
     * Adds the event of id {@code id} that the engine stores for {@code source}: the tree is hashed as it stands,
     * with its numbers taken as {@code _bulk} writes and the engine then returns them ({@link #number}), so neither
     * a serialization nor a parse is spent on it.
     */
    public void add(String id, ObjectNode source) {
        try (JsonParser parser = source.traverse()) {
            parser.nextToken();
            add(id, parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds the event of id {@code id} whose source is the JSON object {@code json}. */
    public void add(String id, byte[] json) {
        try (JsonParser parser = ElasticJson.MAPPER.getFactory().createParser(json)) {
            parser.nextToken();
            add(id, parser);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds one event whose {@code _source} starts at the parser's current token; consumes the source. */
    public void add(String id, JsonParser source) throws IOException {
        add(id, hash(source));
    }

    void add(String id, long sourceHash) {
        count++;
        sum += mix(text(id) * 31 + sourceHash);
    }

    public long count() {
        return count;
    }

    /**
     * The canonical hash of the JSON value starting at the parser's current token, consumed up to its end. Object
     * fields are combined by a sum, so their order does not count; array elements in order.
     */
    static long hash(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> mix(text(parser) ^ 0x5157L);
            case VALUE_NUMBER_INT -> integer(parser);
            case VALUE_NUMBER_FLOAT -> number(parser);
            case VALUE_TRUE -> 0x7e1eL;
            case VALUE_FALSE -> 0xfa15eL;
            case VALUE_NULL -> 0x4011L;
            default -> throw new IOException("unexpected " + token + " in an event's source");
        };
    }

    /** An integer: as a long where it fits, whichever node or token type holds it, else by its digits. */
    private static long integer(JsonParser parser) throws IOException {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            BigInteger value = parser.getBigIntegerValue();
            return value.bitLength() < Long.SIZE ? mix(value.longValue() ^ 0x1417L) : mix(text(value.toString()) ^ 0x1b16L);
        }
        return mix(parser.getLongValue() ^ 0x1417L);
    }

    /**
     * A fraction as the engine gives it back: Jackson writes a {@code float} with {@link Float#toString}, which
     * reads back as another double than the float widened, and a non-finite double as a string ({@code "NaN"},
     * {@code "Infinity"}), which is how the stored event then holds it.
     */
    private static long number(JsonParser parser) throws IOException {
        double value = parser.getNumberType() == JsonParser.NumberType.FLOAT
                ? Double.parseDouble(Float.toString(parser.getFloatValue())) : parser.getDoubleValue();
        if (!Double.isFinite(value)) {
            return mix(text(Double.toString(value)) ^ 0x5157L);
        }
        return mix(Double.doubleToLongBits(value) ^ 0xf10aL);
    }

    private static long object(JsonParser parser) throws IOException {
        return source(parser).hash();
    }

    /** One stored event's source hashed as {@link #hash} does, with its {@code task} field (the task or model id). */
    record HashedSource(long hash, @Nullable String task) {
    }

    /** Hashes the object at the parser's current token, noting its own {@code task} field on the way. */
    static HashedSource source(JsonParser parser) throws IOException {
        long fields = 0x0b1ec7L;
        String task = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            if (parser.nextToken() == JsonToken.VALUE_STRING && field.equals("task")) {
                task = parser.getText();
            }
            fields += mix(text(field) * 31 + hash(parser));
        }
        return new HashedSource(mix(fields), task);
    }

    private static long array(JsonParser parser) throws IOException {
        long elements = 0xa77a7L;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            elements = mix(elements * 31 + hash(parser));
        }
        return elements;
    }

    /** FNV-1a over the characters of the parser's current text, without copying them out. */
    private static long text(JsonParser parser) throws IOException {
        char[] chars = parser.getTextCharacters();
        int end = parser.getTextOffset() + parser.getTextLength();
        long hash = FNV_OFFSET;
        for (int i = parser.getTextOffset(); i < end; i++) {
            hash = (hash ^ chars[i]) * FNV_PRIME;
        }
        return mix(hash);
    }

    private static long text(String text) {
        long hash = FNV_OFFSET;
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * FNV_PRIME;
        }
        return mix(hash);
    }

    /** MurmurHash3's finaliser: every input bit reaches every output bit. */
    private static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventDigest digest && digest.count == count && digest.sum == sum;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sum) * 31 + Long.hashCode(count);
    }

    @Override
    public String toString() {
        return count + " events, " + Long.toHexString(sum);
    }
}
