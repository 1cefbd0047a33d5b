package clearml.migrate.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** JSON as the search engines speak it: events may hold {@code NaN}/{@code Infinity}, which must pass through. */
final class ElasticJson {

    /** Immutable once built; shared because configuring it is the only state it has. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private ElasticJson() {
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the node as {@link #bytes} makes it, at the end of {@code out}. */
    static void write(JsonNode node, ByteArrayOutputStream out) {
        try {
            MAPPER.writeValue(out, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body as JSON; a text node when it is not JSON, a missing node when it is empty. */
    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return TextNode.valueOf(new String(body, StandardCharsets.UTF_8));
        }
    }

    /** {@code hits.total}: a number before ES 7, an object {@code {value, relation}} since (and on OpenSearch). */
    static long totalHits(JsonNode response) {
        JsonNode total = response.path("hits").path("total");
        return total.isObject() ? total.path("value").asLong() : total.asLong();
    }
}
