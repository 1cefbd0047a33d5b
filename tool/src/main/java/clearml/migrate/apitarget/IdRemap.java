package clearml.migrate.apitarget;

import clearml.migrate.archive.EntityKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Archived ids replaced by the server's, structurally: in the fields that hold an id (a project's {@code parent}
 * and {@code path}, a task's {@code project}, {@code parent} and model links, a model's {@code project},
 * {@code task} and {@code parent}), and where a user value is exactly an archived task's, model's or project's id
 * (a {@code runtime} property, a hyperparameter's or configuration item's {@code value}: dataset and pipeline
 * links, data model §1.5). Never a replace inside text. An id the map does not know stays when it names a server
 * entity (a project the plan merged into); a reference field naming an entity outside the archive is left out of
 * what is sent, as the API refuses references it cannot resolve ({@code TaskBLL.validate}), and the read-back
 * reports it.
 */
final class IdRemap {

    private final IdMap ids;
    private final Predicate<String> pending;
    private final Predicate<String> onServer;
    private long userValues;

    /**
     * {@code pending} tells the archived ids the import creates but may not have created yet, {@code onServer} the
     * server ids the plan already points at (merged projects).
     */
    IdRemap(IdMap ids, Predicate<String> pending, Predicate<String> onServer) {
        this.ids = ids;
        this.pending = pending;
        this.onServer = onServer;
    }

    /** A remap for what the server should hold: every reference it cannot map is expected as archived. */
    static IdRemap expecting(IdMap ids) {
        return new IdRemap(ids, id -> false, id -> true);
    }

    /** Remaps {@code api} (API form) in place; {@code unresolved} receives references not mapped yet. */
    ObjectNode apply(EntityKind kind, ObjectNode api, List<String> unresolved) {
        switch (kind) {
            case PROJECT -> {
                field(api, "parent", EntityKind.PROJECT, unresolved);
                if (api.get("path") instanceof ArrayNode path) {
                    for (int i = 0; i < path.size(); i++) {
                        path.set(i, TextNode.valueOf(ids.targetOr(EntityKind.PROJECT, path.get(i).asText())));
                    }
                }
            }
            case MODEL -> {
                field(api, "project", EntityKind.PROJECT, unresolved);
                field(api, "task", EntityKind.TASK, unresolved);
                field(api, "parent", EntityKind.MODEL, unresolved);
            }
            case TASK -> task(api, unresolved);
        }
        return api;
    }

    /** Values that were exactly an archived id, replaced so far. */
    long userValues() {
        return userValues;
    }

    private void task(ObjectNode task, List<String> unresolved) {
        field(task, "project", EntityKind.PROJECT, unresolved);
        field(task, "parent", EntityKind.TASK, unresolved);
        for (String direction : List.of("input", "output")) {
            task.path("models").path(direction).forEach(link -> field((ObjectNode) link, "model", EntityKind.MODEL,
                    unresolved));
        }
        if (task.get("runtime") instanceof ObjectNode runtime) {
            userValues(runtime, unresolved);
        }
        task.path("hyperparams").forEach(section -> section.forEach(param -> userValue(param, unresolved)));
        task.path("configuration").forEach(item -> userValue(item, unresolved));
    }

    private void userValues(ObjectNode map, List<String> unresolved) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        map.fields().forEachRemaining(entries::add);
        for (Map.Entry<String, JsonNode> entry : entries) {
            if (entry.getValue().isTextual()) {
                String mapped = anyKind(entry.getValue().textValue(), unresolved);
                if (mapped != null) {
                    map.put(entry.getKey(), mapped);
                }
            }
        }
    }

    private void userValue(JsonNode item, List<String> unresolved) {
        if (item instanceof ObjectNode object && object.path("value").isTextual()) {
            String mapped = anyKind(object.path("value").textValue(), unresolved);
            if (mapped != null) {
                object.put("value", mapped);
            }
        }
    }

    private @org.jspecify.annotations.Nullable String anyKind(String value, List<String> unresolved) {
        for (EntityKind kind : EntityKind.values()) {
            String target = ids.target(kind, value);
            if (target != null) {
                userValues++;
                return target;
            }
        }
        if (pending.test(value)) {
            unresolved.add(value);
        }
        return null;
    }

    private void field(ObjectNode holder, String field, EntityKind kind, List<String> unresolved) {
        JsonNode value = holder.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            return;
        }
        String target = ids.target(kind, value.textValue());
        if (target != null) {
            holder.put(field, target);
        } else if (pending.test(value.textValue())) {
            unresolved.add(field);
            holder.remove(field);
        } else if (!onServer.test(value.textValue())) {
            holder.remove(field);
        }
    }
}
