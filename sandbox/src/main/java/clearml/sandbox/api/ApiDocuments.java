package clearml.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * How stored documents are answered ({@code ProperDictMixin.to_proper_dict}, {@code conform_output_tags}):
 * {@code _id} moved to the end as {@code id}, other underscore keys dropped, dates as ISO strings, tags sorted.
 */
final class ApiDocuments {

    private ApiDocuments() {
    }

    static ObjectNode toApi(Document stored) {
        ObjectNode api = Json.object();
        stored.forEach((key, value) -> {
            if (!key.startsWith("_")) {
                api.set(key, Json.toJson(value));
            }
        });
        if (stored.containsKey("_id")) {
            api.set("id", Json.toJson(stored.get("_id")));
        }
        sortTags(api, "system_tags");
        sortTags(api, "tags");
        return api;
    }

    static ArrayNode toApi(List<Document> stored, java.util.function.Function<Document, ObjectNode> convert) {
        ArrayNode array = Json.NODES.arrayNode();
        stored.forEach(document -> array.add(convert.apply(document)));
        return array;
    }

    private static void sortTags(ObjectNode api, String field) {
        JsonNode tags = api.get(field);
        if (tags != null && tags.isArray() && !tags.isEmpty()) {
            List<String> sorted = new ArrayList<>();
            tags.forEach(tag -> sorted.add(tag.asText()));
            sorted.sort(null);
            ArrayNode array = api.putArray(field);
            sorted.forEach(array::add);
        }
    }

    /** Replaces the keys of the object at {@code field} (if any) with their unescaped form. */
    static void unescapeKeys(ObjectNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            return;
        }
        ObjectNode unescaped = Json.object();
        node.fields().forEachRemaining(entry -> unescaped.set(KeyEscaper.unescape(entry.getKey()), entry.getValue()));
        parent.set(field, unescaped);
    }

    /** Removes and returns the keys of {@code data} that {@code allowed} does not list, for reports of drops. */
    static List<String> dropOthers(ObjectNode data, java.util.Set<String> allowed) {
        List<String> dropped = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!allowed.contains(entry.getKey())) {
                dropped.add(entry.getKey());
                it.remove();
            }
        }
        return dropped;
    }
}
