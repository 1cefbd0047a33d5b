package clearml.migrate.apitarget;

import clearml.migrate.api.ApiJson;
import clearml.migrate.archive.EntityKind;
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
 * {@value #TAG}. Projects have no free-form field: only their archived id is kept, in the id map. Derived from the
 * archived document alone, so a rerun writes the same and {@code verify} expects the same.
 */
final class Migrated {

    static final String TAG = "migrated";
    static final String KEY = "migrated";

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
            ObjectNode runtime = api.get("runtime") instanceof ObjectNode r ? r : api.putObject("runtime");
            runtime.set(KEY, record);
        } else {
            ObjectNode metadata = api.get("metadata") instanceof ObjectNode m ? m : api.putObject("metadata");
            metadata.putObject(KEY).put("key", KEY).put("type", "json").put("value", record.toString());
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
