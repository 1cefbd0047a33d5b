package clearml.migrate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;

/**
 * JSON as the apiserver speaks it: Python's {@code json} reads and writes {@code NaN} and {@code Infinity}, which
 * events may hold and which must pass through both ways.
 */
public final class ApiJson {

    /** Immutable once built; shared because configuring it is the only state it has. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS) // bare NaN, as Python writes and reads it
            .build();

    private ApiJson() {
    }

    /** A new empty object, for building request bodies. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON lines: one compact object per line, each line ended, as {@code events.add_batch} takes them. */
    static byte[] lines(Iterable<? extends JsonNode> nodes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (JsonNode node : nodes) {
            out.writeBytes(bytes(node));
            out.write('\n');
        }
        return out.toByteArray();
    }
}
