package clearml.migrate.apitarget;

import clearml.migrate.api.ApiJson;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.archive.ExtendedJson;
import clearml.migrate.mongo.KeyEscaper;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A prepared document (as the direct import would store it) in the form ClearML's API speaks and answers
 * ({@code to_proper_dict}, data model §1.2): {@code _id} as {@code id}, dates as ISO strings, user map keys
 * unescaped, a task's artifacts as a list sorted by key instead of a map keyed {@code md5(key)_mode}, tags sorted.
 */
final class ApiForm {

    private ApiForm() {
    }

    static ObjectNode of(EntityKind kind, org.bson.Document prepared) {
        ObjectNode api = (ObjectNode) plain(read(ExtendedJson.write(prepared)));
        JsonNode id = api.remove("_id");
        if (id != null) {
            api.set("id", id);
        }
        sortTags(api, "tags");
        sortTags(api, "system_tags");
        if (kind == EntityKind.TASK) {
            taskForm(api);
        } else if (kind == EntityKind.MODEL) {
            unescapeKeys(api, "metadata"); // the server escapes them again on store (data model §1.2)
        }
        return api;
    }

    /** The fields of an API-form document a create or edit of {@code kind} takes. */
    static ObjectNode writable(EntityKind kind, ObjectNode api) {
        ObjectNode body = ApiJson.object();
        api.fields().forEachRemaining(field -> {
            if (ApiEntities.writable(kind).contains(field.getKey()) && !field.getValue().isNull()) {
                body.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        if (kind == EntityKind.TASK && api.path("output").path("destination").isTextual()) {
            body.set("output_dest", api.path("output").path("destination"));
        }
        return body;
    }

    private static void taskForm(ObjectNode task) {
        unescapeKeys(task, "container");
        unescapeKeys(task, "configuration");
        if (task.get("hyperparams") instanceof ObjectNode hyperparams) {
            List<String> sections = new ArrayList<>();
            hyperparams.fieldNames().forEachRemaining(sections::add);
            sections.forEach(section -> unescapeKeys(hyperparams, section));
            unescapeKeys(task, "hyperparams");
        }
        if (task.get("execution") instanceof ObjectNode execution) {
            unescapeKeys(execution, "model_labels");
            if (execution.get("artifacts") instanceof ObjectNode artifacts) {
                List<JsonNode> list = new ArrayList<>();
                artifacts.elements().forEachRemaining(list::add);
                list.sort(Comparator.comparing(artifact -> artifact.path("key").asText()));
                ArrayNode sorted = execution.putArray("artifacts");
                list.forEach(sorted::add);
            }
        }
    }

    private static void unescapeKeys(ObjectNode parent, String field) {
        if (parent.get(field) instanceof ObjectNode map) {
            ObjectNode unescaped = ApiJson.object();
            map.fields().forEachRemaining(entry -> unescaped.set(KeyEscaper.unescape(entry.getKey()),
                    entry.getValue()));
            parent.set(field, unescaped);
        }
    }

    private static void sortTags(ObjectNode api, String field) {
        if (api.get(field) instanceof ArrayNode tags) {
            List<String> sorted = new ArrayList<>();
            tags.forEach(tag -> sorted.add(tag.asText()));
            sorted.sort(null);
            ArrayNode array = api.putArray(field);
            sorted.forEach(array::add);
        }
    }

    /** Extended JSON's {@code $date}/{@code $numberLong}/{@code $oid} as plain JSON values. */
    private static JsonNode plain(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.size() == 1 && object.has("$date")) {
                JsonNode date = object.get("$date");
                return TextNode.valueOf(date.isNumber() ? Instant.ofEpochMilli(date.asLong()).toString()
                        : date.asText());
            }
            if (object.size() == 1 && object.has("$numberLong")) {
                return ApiJson.MAPPER.getNodeFactory().numberNode(Long.parseLong(object.get("$numberLong").asText()));
            }
            if (object.size() == 1 && object.has("$oid")) {
                return object.get("$oid");
            }
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            object.fields().forEachRemaining(fields::add);
            fields.forEach(field -> object.set(field.getKey(), plain(field.getValue())));
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, plain(array.get(i)));
            }
        }
        return node;
    }

    private static JsonNode read(String json) {
        try {
            return ApiJson.MAPPER.reader().with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
