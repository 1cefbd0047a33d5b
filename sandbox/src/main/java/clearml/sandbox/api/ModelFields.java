package clearml.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Date;
import java.util.Set;
import org.bson.Document;

/**
 * A model's fields between the API and MongoDB ({@code services/models.py}): what {@code create}, {@code edit} and
 * {@code update} keep, {@code metadata} as a map keyed by its escaped keys, labels as integers.
 */
final class ModelFields {

    /** {@code CreateModelRequest} fields a model keeps ({@code public} decides the company instead). */
    static final Set<String> CREATE = Set.of("name", "uri", "labels", "tags", "system_tags", "comment", "project",
            "parent", "framework", "design", "ready", "ui_cache", "task", "metadata");
    /** {@code create_fields} of {@code models.edit}. */
    static final Set<String> EDIT = Set.of("name", "tags", "system_tags", "task", "comment", "uri", "project",
            "parent", "framework", "design", "labels", "ready", "metadata");
    /** {@code Model.user_set_allowed()}: all {@code models.update} keeps, {@code created} among them. */
    static final Set<String> UPDATE = Set.of("name", "project", "created", "comment", "tags", "system_tags", "uri",
            "ui_cache", "metadata");
    /** A change to any of these also bumps {@code last_update}. */
    static final Set<String> LAST_UPDATE = Set.of("uri", "framework", "design", "labels", "ready", "metadata",
            "system_tags", "tags");

    private ModelFields() {
    }

    /** The fields of {@code data} that {@code allowed} names, prepared for storage. */
    static Document prepare(ObjectNode data, Set<String> allowed) {
        Document fields = new Document();
        data.fields().forEachRemaining(entry -> {
            if (allowed.contains(entry.getKey()) && !entry.getValue().isNull()) {
                fields.put(entry.getKey(), Json.toBson(entry.getValue()));
            }
        });
        Tags.validate(fields);
        Tags.sort(fields);
        if (fields.get("created") instanceof String text) {
            fields.put("created", Json.parseDate(text, "created"));
        }
        validateLabels(fields);
        escapeMetadata(fields);
        return fields;
    }

    private static void validateLabels(Document fields) {
        if (fields.get("labels") instanceof Document labels) {
            for (Object value : labels.values()) {
                if (!(value instanceof Integer) && !(value instanceof Long)) {
                    throw ApiError.VALIDATION_ERROR.withExtra("labels values must be integers",
                            "values", new ArrayList<>(labels.values()));
                }
            }
        }
    }

    /** {@code escape_metadata}, which fails as Python does ({@code 500}) on a metadata list. */
    private static void escapeMetadata(Document fields) {
        Object metadata = fields.get("metadata");
        if (metadata instanceof java.util.List<?>) {
            throw ApiException.of(500, "'list' object has no attribute 'items'");
        }
        if (metadata instanceof Document map && !map.isEmpty()) {
            fields.put("metadata", KeyEscaper.keys(map, true));
        }
    }

    /** {@code CreateModelRequest} validation: name and uri required, metadata a dict. */
    static void validateCreate(ApiCall call) {
        call.required("name");
        call.required("uri");
        JsonNode metadata = call.data().get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            throw ApiError.VALIDATION_ERROR.withExtra("error for field 'metadata'. value should be a dict");
        }
    }

    /** The stored model a create makes: the server's defaults, then the kept fields. */
    static Document newModel(String id, String company, String user, Document fields, Date now) {
        Document model = new Document("_id", id).append("company", company).append("user", user)
                .append("name", fields.get("name"));
        copy(fields, model, "parent", "project");
        model.append("created", now);
        copy(fields, model, "task", "comment");
        model.append("tags", fields.getOrDefault("tags", new ArrayList<>()))
                .append("system_tags", fields.getOrDefault("system_tags", new ArrayList<>()))
                .append("uri", fields.getOrDefault("uri", ""));
        copy(fields, model, "framework", "design", "labels");
        model.append("ready", fields.getOrDefault("ready", true)).append("last_update", now)
                .append("last_change", now).append("last_changed_by", user)
                .append("ui_cache", fields.getOrDefault("ui_cache", new Document()));
        copy(fields, model, "metadata");
        return model.append("last_iteration", 0).append("last_metrics", new Document())
                .append("unique_metrics", new ArrayList<>());
    }

    private static void copy(Document from, Document to, String... fields) {
        for (String field : fields) {
            if (from.get(field) != null) {
                to.put(field, from.get(field));
            }
        }
    }

    static ObjectNode toApi(Document stored) {
        ObjectNode model = ApiDocuments.toApi(stored);
        ApiDocuments.unescapeKeys(model, "metadata");
        return model;
    }
}
