package clearml.migrate.apisource;

import clearml.migrate.archive.EntityKind;
import clearml.migrate.mongo.HashedKeys;
import clearml.migrate.mongo.KeyEscaper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * An API answer turned back into the document the server stores (data model §1), undoing, structurally and only at
 * the places the server's output conversion touches, what it did: {@code id} is {@code _id} again and first; the
 * date fields of §1.11, answered as ISO strings, are dates again; the user keys the server unescapes on the way out
 * (§1.2: hyperparameter sections and names, configuration names, {@code container}, {@code execution.model_labels},
 * model {@code metadata}) are escaped again; and {@code execution.artifacts}, answered as a list, is keyed by
 * {@code md5(key)_mode} again; a project's computed {@code hidden} flag is dropped. Everything else passes as the
 * answer holds it.
 */
final class StoredForm {

    /** The date fields of each kind (§1.11); {@code []} walks every item of a list. */
    private static final Map<EntityKind, List<String>> DATES = Map.of(
            EntityKind.PROJECT, List.of("created", "last_update"),
            EntityKind.TASK, List.of("created", "started", "completed", "published", "status_changed",
                    "last_update", "last_change", "last_worker_report", "models.input[].updated",
                    "models.output[].updated"),
            EntityKind.MODEL, List.of("created", "last_update", "last_change"));
    private static final List<String> USER_DATES = List.of("created");

    private StoredForm() {
    }

    /** A project, task or model as stored. */
    static Document entity(EntityKind kind, ObjectNode answer) {
        Document stored = plain(answer);
        DATES.get(kind).forEach(path -> dates(stored, path.split("\\.")));
        if (kind == EntityKind.TASK) {
            escapeTaskKeys(stored);
            keyArtifacts(stored);
        } else if (kind == EntityKind.MODEL) {
            escapeKeys(stored, "metadata");
        } else {
            // projects.get_all_ex with search_hidden marks hidden projects with a computed "hidden": true that no
            // stored project has (the server's project model declares no such field, §1.3)
            stored.remove("hidden");
        }
        return stored;
    }

    /** A backend user as stored (§1.8). */
    static Document backendUser(ObjectNode answer) {
        Document stored = plain(answer);
        USER_DATES.forEach(path -> dates(stored, path.split("\\.")));
        return stored;
    }

    /** The answer with {@code id} as {@code _id}, first, and every value as BSON; nothing else changed. */
    static Document plain(ObjectNode answer) {
        Document stored = new Document();
        if (answer.hasNonNull("id")) {
            stored.put("_id", answer.get("id").asText());
        }
        answer.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("id")) {
                stored.put(field.getKey(), bson(field.getValue()));
            }
        });
        return stored;
    }

    /** A JSON value as the BSON value the server stored: the narrowest integer, a double, a string, … */
    static @Nullable Object bson(JsonNode node) {
        if (node.isObject()) {
            Document document = new Document();
            node.fields().forEachRemaining(field -> document.put(field.getKey(), bson(field.getValue())));
            return document;
        }
        if (node.isArray()) {
            List<@Nullable Object> list = new ArrayList<>(node.size());
            node.forEach(item -> list.add(bson(item)));
            return list;
        }
        return scalar(node);
    }

    private static @Nullable Object scalar(JsonNode node) {
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue(); // not in a ?: with a double, which would widen it
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isNull() ? null : node.asText();
    }

    /** Sets the date at {@code path} (from {@code at}) in {@code holder} back to a date; other values stay. */
    private static void dates(Object holder, String[] path) {
        dates(holder, path, 0);
    }

    private static void dates(@Nullable Object holder, String[] path, int at) {
        if (!(holder instanceof Document document)) {
            return;
        }
        String step = path[at];
        boolean list = step.endsWith("[]");
        String field = list ? step.substring(0, step.length() - 2) : step;
        Object value = document.get(field);
        if (at == path.length - 1) {
            if (value instanceof String text) {
                document.put(field, date(text));
            }
        } else if (list && value instanceof List<?> items) {
            items.forEach(item -> dates(item, path, at + 1));
        } else {
            dates(value, path, at + 1);
        }
    }

    /** The server writes naive UTC datetimes with {@code +00:00}; a naive text is read as UTC too. */
    static Object date(String text) {
        try {
            return Date.from(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException withoutZone) {
            try {
                return Date.from(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                return text; // not a date the server wrote: kept as answered
            }
        }
    }

    private static void escapeTaskKeys(Document task) {
        if (task.get("hyperparams") instanceof Document sections) {
            sections.keySet().forEach(section -> escapeKeys(sections, section));
            escapeKeys(task, "hyperparams");
        }
        escapeKeys(task, "configuration");
        escapeKeys(task, "container");
        if (task.get("execution") instanceof Document execution) {
            escapeKeys(execution, "model_labels");
        }
    }

    /** Replaces the map at {@code field} (if any) with one whose keys are escaped, order kept. */
    private static void escapeKeys(Document parent, String field) {
        if (parent.get(field) instanceof Document map) {
            Document escaped = new Document();
            map.forEach((key, value) -> escaped.put(KeyEscaper.escape(key), value));
            parent.put(field, escaped);
        }
    }

    /**
     * The server answers {@code execution.artifacts} as a list sorted by key; it stores them keyed. A task stored
     * with a pre-1.0 list cannot be told apart here: it comes back keyed, as ClearML's importer would upgrade it.
     */
    private static void keyArtifacts(Document task) {
        if (task.get("execution") instanceof Document execution && execution.get("artifacts") instanceof List<?> list) {
            Document keyed = new Document();
            list.forEach(item -> {
                if (item instanceof Document artifact) {
                    keyed.put(HashedKeys.artifact(artifact), artifact);
                }
            });
            execution.put("artifacts", keyed);
        }
    }
}
