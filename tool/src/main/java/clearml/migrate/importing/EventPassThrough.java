package clearml.migrate.importing;

import clearml.migrate.archive.ArchiveJson;
import clearml.migrate.events.EventType;
import clearml.migrate.links.LinkPlace;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The byte path of {@link EventPreparation#prepare} for the events nearly every archive holds: the archived line is
 * copied token by token into the document the target stores, with {@code task} and {@code company_id} rewritten
 * (a missing {@code company_id} appended last, where the tree path's {@code put} puts it), and only the top-level
 * scalars that the id and the statistics read are made nodes. No tree is built and none serialized (import
 * profile, issue #14). An event this path does not cover exactly as the tree path would is refused ({@code null})
 * before anything is kept, and the caller takes the tree path: a plot (compressed), links to rewrite
 * ({@code --url-map} on a debug image), a field the normalising adds or renames ({@code ts}, {@code values}, a missing or null
 * {@code timestamp}, {@code metric}, {@code variant}, {@code worker}, {@code model_event}, {@code @timestamp}), an
 * {@code iter} that is no integer, an {@code x_axis_label}, a type not spelled as stored, a repeated top-level
 * field, or a nested object anywhere (a tree keeps only the last of repeated keys). {@code EventPassThroughTest}
 * holds it to the tree path, event for event. Thread-safe: each call has its own parser and generators.
 */
final class EventPassThrough {

    /** What the tree path's normalising requires to be there already, so that it adds nothing. */
    private static final Set<String> REQUIRED = Set.of("type", "task", "timestamp", "metric", "variant", "worker",
            "model_event", "@timestamp");
    /** Fields the id or the statistics read, kept as nodes (data model §2.3, §2.4). */
    private static final Set<String> READ = Set.of("iter", "metric", "variant", "key", "timestamp", "value", "worker");
    /** Fields the tree path renames, removes or rewrites in a way this path does not. */
    private static final Set<String> REFUSED = Set.of("ts", "values", "x_axis_label");

    /** Parses with the archive's limits, as {@code ArchiveReader.events} does. */
    private static final JsonFactory ARCHIVE = ArchiveJson.mapper().getFactory();
    /** Writes as {@code JsonNode.toString} and the bulk writer's mapper do: Jackson's defaults. */
    private static final JsonFactory PLAIN = new JsonFactory();

    private final String company;
    private final boolean rewritesLinks;

    /** @param rewritesLinks whether {@code --url-map} is given: event types that hold URLs take the tree path */
    EventPassThrough(String company, boolean rewritesLinks) {
        this.company = company;
        this.rewritesLinks = rewritesLinks;
    }

    /** An event passed through: its type, its stored bytes, the archived text a log id needs, the scalars read. */
    record Passed(EventType type, byte[] source, @Nullable String archivedText, ObjectNode read) {
    }

    /** The event prepared as bytes, or null when it needs the tree path. */
    @Nullable Passed pass(String taskId, String line) {
        try (JsonParser parser = ARCHIVE.createParser(line)) {
            return copy(parser, taskId, line.length());
        } catch (IOException | RuntimeException e) {
            return null; // the tree path parses it again and reports what is wrong as the archive reader does
        }
    }

    private @Nullable Passed copy(JsonParser parser, String taskId, int length) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        ByteArrayOutputStream stored = new ByteArrayOutputStream(length + 64);
        StringWriter archived = new StringWriter();
        ObjectNode read = JsonNodeFactory.instance.objectNode();
        Set<String> seen = new HashSet<>();
        @Nullable EventType type = null;
        try (JsonGenerator out = PLAIN.createGenerator(stored); JsonGenerator text = PLAIN.createGenerator(archived)) {
            out.writeStartObject();
            text.writeStartObject();
            for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                JsonToken value = parser.nextToken();
                if (!seen.add(field) || REFUSED.contains(field)) {
                    return null;
                }
                text.writeFieldName(field);
                out.writeFieldName(field);
                if (field.equals("task") || field.equals("company_id")) {
                    if (!copyValue(parser, text, null)) {
                        return null;
                    }
                    out.writeString(field.equals("task") ? taskId : company);
                    continue;
                }
                if (field.equals("type")) {
                    type = typeOf(parser, value);
                    if (type == null) {
                        return null;
                    }
                }
                JsonNode node = READ.contains(field) ? scalar(parser, value) : null;
                if (node != null) {
                    read.set(field, node);
                } else if (READ.contains(field) && !field.equals("value")) {
                    return null; // an array where the id reads a scalar; a vector's value the statistics skip
                }
                if (!copyValue(parser, text, out)) {
                    return null;
                }
            }
            if (type == null || !passes(type) || !seen.containsAll(REQUIRED) || !required(read)
                    || parser.nextToken() != null) {
                return null;
            }
            if (!seen.contains("company_id")) {
                out.writeStringField("company_id", company);
            }
            out.writeEndObject();
            text.writeEndObject();
        }
        read.put("task", taskId);
        return new Passed(type, stored.toByteArray(), type == EventType.LOG ? archived.toString() : null, read);
    }

    /** A plot is compressed on the tree path; a type with URL places is rewritten there (data model §5.6). */
    private boolean passes(EventType type) {
        return type != EventType.PLOT && !(rewritesLinks && LinkPlace.Holder.ofEventType(type.value()).isPresent());
    }

    /** The normalising leaves these alone: text or any value but null for the texts, an integer or null iter. */
    private static boolean required(ObjectNode read) {
        JsonNode iter = read.get("iter");
        return !read.path("metric").isNull() && !read.path("variant").isNull() && !read.path("worker").isNull()
                && (iter == null || iter.isNull() || iter.isIntegralNumber());
    }

    /** The event's type when the archive spells it as ClearML stores it, so that the normalising keeps it. */
    private static @Nullable EventType typeOf(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            return null;
        }
        String text = parser.getText();
        try {
            EventType type = EventType.fromValue(text);
            return type.value().equals(text) ? type : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The node {@code ObjectMapper.readTree} makes of a scalar token, or null for an object or array. */
    private static @Nullable JsonNode scalar(JsonParser parser, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_STRING -> TextNode.valueOf(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> IntNode.valueOf(parser.getIntValue());
                case LONG -> LongNode.valueOf(parser.getLongValue());
                default -> BigIntegerNode.valueOf(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                    ? DecimalNode.valueOf(parser.getDecimalValue()) : DoubleNode.valueOf(parser.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> BooleanNode.valueOf(value == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> NullNode.getInstance();
            default -> null;
        };
    }

    /**
     * Copies the value the parser stands on into both generators ({@code out} may be null: the text only); false
     * when it holds an object at any depth.
     */
    private static boolean copyValue(JsonParser parser, JsonGenerator text, @Nullable JsonGenerator out)
            throws IOException {
        int depth = 0;
        do {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.START_OBJECT) {
                return false;
            }
            depth += token == JsonToken.START_ARRAY ? 1 : token == JsonToken.END_ARRAY ? -1 : 0;
            text.copyCurrentEvent(parser);
            if (out != null) {
                out.copyCurrentEvent(parser);
            }
        } while (depth > 0 && parser.nextToken() != null);
        return true;
    }
}
