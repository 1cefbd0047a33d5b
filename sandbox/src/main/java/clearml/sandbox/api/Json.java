package clearml.sandbox.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;

/**
 * Conversions between the JSON the API speaks and the BSON MongoDB stores. Dates leave as the apiserver's JSON
 * writes naive UTC datetimes ({@code 2024-06-10T06:15:00.123000+00:00}) and arrive as ISO 8601 strings.
 */
final class Json {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final DateTimeFormatter WITH_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter WHOLE_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'+00:00'").withZone(ZoneOffset.UTC);

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ObjectNode parseObject(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                return object();
            }
            if (!node.isObject()) {
                throw ApiException.of(500, "Data should be a dict");
            }
            return (ObjectNode) node;
        } catch (java.io.IOException e) {
            throw ApiException.of(400, "Failed to decode JSON object: " + e.getMessage());
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** A request value as BSON: objects become {@link Document}s, arrays lists, numbers the narrowest Java type. */
    static @Nullable Object toBson(@Nullable JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Document document = new Document();
            node.fields().forEachRemaining(field -> document.put(field.getKey(), toBson(field.getValue())));
            return document;
        }
        if (node.isArray()) {
            List<@Nullable Object> list = new ArrayList<>();
            node.forEach(item -> list.add(toBson(item)));
            return list;
        }
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.isBoolean() ? node.booleanValue() : node.asText();
    }

    static Document toDocument(JsonNode node) {
        return node.isObject() ? (Document) java.util.Objects.requireNonNull(toBson(node)) : new Document();
    }

    /** A stored value as JSON, dates in the apiserver's format. */
    static JsonNode toJson(@Nullable Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = object();
            map.forEach((key, item) -> object.set(String.valueOf(key), toJson(item)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> array.add(toJson(item)));
            return array;
        }
        return scalar(value);
    }

    private static JsonNode scalar(Object value) {
        if (value instanceof Date date) {
            return NODES.textNode(isoDate(date));
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Number number) {
            return NODES.numberNode(number.doubleValue());
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        return NODES.textNode(value instanceof ObjectId id ? id.toHexString() : value.toString());
    }

    /** Python's {@code datetime.isoformat()} of a naive UTC time, plus the {@code +00:00} the JSON writer adds. */
    static String isoDate(Date date) {
        Instant instant = date.toInstant();
        return (instant.getNano() == 0 ? WHOLE_SECONDS : WITH_MICROS).format(instant);
    }

    /** An ISO 8601 date as a client sends it; without a zone it is UTC, as {@code dateutil} reads naive times. */
    static Date parseDate(String text, String field) {
        String trimmed = text.trim().replace(' ', 'T');
        try {
            return Date.from(OffsetDateTime.parse(trimmed).toInstant());
        } catch (DateTimeParseException withoutZone) {
            try {
                return Date.from(LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                throw ApiError.DATA_VALIDATION_ERROR.with(field, "cannot parse date \"" + text + "\"");
            }
        }
    }
}
