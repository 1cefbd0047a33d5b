package clearml.migrate.apitarget;

import clearml.migrate.api.ApiJson;
import clearml.migrate.archive.EntityKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where an API import keeps what the server would not take from it (issue #15): the archived id, owner, company and
 * dates. A task gets them under {@code runtime.migrated} (shown with the task's runtime properties), a model as the
 * metadata item {@code migrated} (a {@code json} value, shown on the model's metadata tab); both get the system tag
 * {@value #TAG}. A task's record also holds, as {@value #MODEL_LINKS}, the {@code updated} stamp of each of its
 * input and output model links in order, which the server sets to the time of the write, and as
 * {@value #OUTPUT_RESULT} its {@code output.result}, which the read-back still lists as not kept. Projects have no
 * free-form field: only their archived id is kept, in the id map. Derived from the archived document alone, so a
 * rerun writes the same and {@code verify} expects the same.
 */
final class Migrated {

    static final String TAG = "migrated";
    static final String KEY = "migrated";
    static final String MODEL_LINKS = "models";
    /** A task's {@code output.result}, which no call of ClearML's server sets (guide, "Importing into it"). */
    static final String OUTPUT_RESULT = "output_result";

    private Migrated() {
    }

    /** Adds the record and the tag to {@code api} (API form, ids not yet remapped); {@code archived} is as prepared. */
    static void record(EntityKind kind, ObjectNode api, ObjectNode archived) {
        if (kind == EntityKind.PROJECT) {
            return;
        }
        ObjectNode record = ApiJson.object().put("id", archived.path("id").asText());
        for (String field : new TreeSet<>(ApiEntities.serverOwned(kind))) {
            JsonNode value = archived.get(field);
            if (!"id".equals(field) && value != null && !value.isNull()) {
                record.set(field, value);
            }
        }
        tag(api);
        if (kind == EntityKind.TASK) {
            linkStamps(archived.path("models"), record);
            if (archived.path("output").path("result").isTextual()) {
                record.set(OUTPUT_RESULT, archived.path("output").path("result"));
            }
            ObjectNode runtime = api.get("runtime") instanceof ObjectNode r ? r : api.putObject("runtime");
            runtime.set(KEY, record);
        } else {
            ObjectNode metadata = api.get("metadata") instanceof ObjectNode m ? m : api.putObject("metadata");
            metadata.putObject(KEY).put("key", KEY).put("type", "json").put("value", record.toString());
        }
    }

    /** Adds the range of the archived events' {@code @timestamp} to the record {@code api} already holds. */
    static void recordEventTimes(EntityKind kind, ObjectNode api, ObjectNode range) {
        if (kind == EntityKind.TASK) {
            ((ObjectNode) api.path("runtime").path(KEY)).set(IndexedTimes.KEY, range);
        } else if (kind == EntityKind.MODEL) {
            ObjectNode item = (ObjectNode) api.path("metadata").path(KEY);
            ObjectNode record = parsed(item.path("value").asText());
            item.put("value", record.set(IndexedTimes.KEY, range).toString());
        }
    }

    /** The record this class wrote as a model's metadata value. */
    private static ObjectNode parsed(String json) {
        try {
            return (ObjectNode) ApiJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the migrated record written as JSON does not read back", e);
        }
    }

    /** {@code {input: [{name, updated}], output: [...]}} of the links that have a stamp; nothing when none has. */
    private static void linkStamps(JsonNode models, ObjectNode record) {
        ObjectNode stamps = ApiJson.object();
        for (String direction : List.of("input", "output")) {
            ArrayNode links = ApiJson.MAPPER.createArrayNode();
            models.path(direction).forEach(link -> {
                if (link.hasNonNull("updated")) {
                    links.addObject().put("name", link.path("name").asText()).set("updated", link.get("updated"));
                }
            });
            if (!links.isEmpty()) {
                stamps.set(direction, links);
            }
        }
        if (!stamps.isEmpty()) {
            record.set(MODEL_LINKS, stamps);
        }
    }

    private static void tag(ObjectNode api) {
        Set<String> tags = new TreeSet<>();
        api.path("system_tags").forEach(tag -> tags.add(tag.asText()));
        tags.add(TAG);
        ArrayNode sorted = api.putArray("system_tags");
        List<String> list = new ArrayList<>(tags);
        list.forEach(sorted::add);
    }
}
