package clearml.migrate.archive;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * One line of ClearML's legacy Extended JSON, as mongoengine's {@code to_json()} writes it, to and from a BSON
 * {@link Document} (data model §3.5). Key order and number types (int, long, double) survive a round trip.
 */
public final class ExtendedJson {

    // Python's json reads NaN/Infinity and ClearML writes them into last_metrics (data model §3.5).
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(256 << 20).build())
            .build();

    private ExtendedJson() {
    }

    /**
     * Parses one JSON object (whitespace, including newlines, is allowed) into a document.
     *
     * @throws IllegalArgumentException when the text is not exactly one JSON object
     */
    public static Document read(String json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            Document document = readObject(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("text after the JSON object at column "
                        + parser.currentLocation().getColumnNr());
            }
            return document;
        } catch (IOException e) {
            throw new IllegalArgumentException(firstLine(e.getMessage()), e);
        }
    }

    /** Writes a document the way mongoengine does: one line, {@code ", "} and {@code ": "}, ASCII only. */
    public static String write(Document document) {
        StringBuilder out = new StringBuilder(256);
        ExtendedJsonWriter.writeValue(out, document);
        return out.toString();
    }

    private static Document readObject(JsonParser parser) throws IOException {
        Document document = new Document();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            document.put(name, readValue(parser));
        }
        return document;
    }

    private static @Nullable Object readValue(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> ExtendedTypes.decode(readObject(parser));
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> readInteger(parser);
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("unexpected " + parser.currentToken());
        };
    }

    private static List<@Nullable Object> readArray(JsonParser parser) throws IOException {
        List<@Nullable Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            list.add(readValue(parser));
        }
        return list;
    }

    // pymongo stores a Python int as int32 when it fits and as int64 otherwise; larger ones cannot be stored.
    private static Object readInteger(JsonParser parser) throws IOException {
        return switch (parser.getNumberType()) {
            case INT -> parser.getIntValue();
            case LONG -> parser.getLongValue();
            default -> throw new IllegalArgumentException("integer out of the 64-bit range: " + parser.getText());
        };
    }

    static String firstLine(@Nullable String message) {
        if (message == null) {
            return "malformed JSON";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
