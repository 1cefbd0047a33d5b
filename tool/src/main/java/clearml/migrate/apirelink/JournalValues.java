package clearml.migrate.apirelink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.jspecify.annotations.Nullable;

/**
 * An API field's value as the undo journal's {@code fieldChange} keeps values (BSON, in canonical Extended JSON),
 * and back: the API answers plain JSON, which BSON holds without loss (no dates: the API sends them as text).
 */
final class JournalValues {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private JournalValues() {
    }

    static @Nullable Object bson(@Nullable JsonNode value) {
        return value == null ? null : Document.parse("{\"v\": " + value + "}").get("v");
    }

    static @Nullable JsonNode json(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.readTree(new Document("v", value).toJson(RELAXED)).get("v");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a journalled value is no JSON: " + e.getOriginalMessage(), e);
        }
    }
}
