package clearml.migrate.apitarget;

import clearml.migrate.archive.EntityKind;
import clearml.migrate.api.ApiJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * An entity as the server answers it compared, field by field, with what the import expected it to hold: the
 * server answers 200 to a create or edit while dropping or changing fields, so only a read-back tells. Fields only
 * the server sets ({@link ApiEntities#serverOwned}) and the time a model link was stamped are not compared. Numbers
 * compare by value ({@code 5} equals {@code 5.0}), a {@code mean_value} too: the server rounds the mean again at
 * every batch of events, so one the import had to send in several batches may drift from the archived one, and
 * that is a field the server did not keep (see architecture.md, "Statistics on import").
 */
final class ReadBack {

    private ReadBack() {
    }

    /**
     * The top-level fields to ask for: the server leaves some out of a listing unless named ({@code path},
     * {@code unique_metrics}, {@code ui_cache}: {@code get_all_query_options}), and only named ones are compared.
     */
    static ArrayNode fieldsOf(List<ObjectNode> expected) {
        Set<String> fields = new TreeSet<>(List.of("id", "user"));
        expected.forEach(document -> document.fieldNames().forEachRemaining(fields::add));
        ArrayNode only = ApiJson.MAPPER.createArrayNode();
        fields.forEach(only::add);
        return only;
    }

    /** The differences between {@code expected} and {@code actual}, added to {@code into}. */
    static void compare(EntityKind kind, String archivedId, ObjectNode expected, JsonNode actual,
            List<FieldDifference> into) {
        Set<String> fields = new TreeSet<>();
        expected.fieldNames().forEachRemaining(fields::add);
        actual.fieldNames().forEachRemaining(fields::add);
        fields.removeAll(ApiEntities.serverOwned(kind));
        String targetId = actual.path("id").asText();
        for (String field : fields) {
            compare(kind, archivedId, targetId, field, expected.get(field), actual.get(field), into);
        }
    }

    private static void compare(EntityKind kind, String archivedId, String targetId, String path,
            JsonNode expected, JsonNode actual, List<FieldDifference> into) {
        if (same(expected, actual)) {
            return;
        }
        if (expected != null && actual != null && expected.isObject() && actual.isObject()) {
            Set<String> fields = new TreeSet<>();
            expected.fieldNames().forEachRemaining(fields::add);
            actual.fieldNames().forEachRemaining(fields::add);
            fields.forEach(field -> compare(kind, archivedId, targetId, path + "." + field, expected.get(field),
                    actual.get(field), into));
            return;
        }
        into.add(new FieldDifference(ApiEntities.field(kind), archivedId, targetId, path, text(expected),
                text(actual)));
    }

    private static boolean same(JsonNode expected, JsonNode actual) {
        if (isEmpty(expected) && isEmpty(actual)) {
            return true;
        }
        if (expected == null || actual == null) {
            return false;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.doubleValue() == actual.doubleValue()
                    || Double.isNaN(expected.doubleValue()) && Double.isNaN(actual.doubleValue());
        }
        if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                if (!same(withoutStamp(expected.get(i)), withoutStamp(actual.get(i)))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isObject() && actual.isObject()) {
            Set<String> fields = new TreeSet<>();
            expected.fieldNames().forEachRemaining(fields::add);
            actual.fieldNames().forEachRemaining(fields::add);
            return fields.stream().allMatch(field -> same(expected.get(field), actual.get(field)));
        }
        return expected.equals(actual);
    }

    /**
     * A model link's {@code updated} is the server's time of the create or edit (tasks.py
     * {@code prepare_create_fields}); the archived one is in the task's {@code migrated} record ({@link Migrated}).
     */
    private static JsonNode withoutStamp(JsonNode item) {
        if (item instanceof ObjectNode link && link.has("model") && link.has("updated")) {
            ObjectNode copy = link.deepCopy();
            copy.remove("updated");
            return copy;
        }
        return item;
    }

    /**
     * Absent, null, and empty objects, lists and strings are one: the server fills and drops empties freely. A task
     * archived without {@code status_reason} or {@code status_message} comes back with {@code ""}: every status call
     * writes both, {@code ""} when the request has none ({@code apimodels/tasks.py UpdateRequest} defaults,
     * {@code bll/task/utils.py ChangeStatusRequest.execute}), so that is the server's doing, not a value lost.
     */
    private static boolean isEmpty(JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() && node.isEmpty()
                || node.isTextual() && node.textValue().isEmpty();
    }

    private static String text(JsonNode node) {
        if (node == null) {
            return "absent";
        }
        String json = node.toString();
        return json.length() > 200 ? json.substring(0, 200) + "…" : json;
    }
}
