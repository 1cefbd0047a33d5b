package clearml.migrate.mongo;

import java.util.ArrayList;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.bson.Document;

/**
 * The values ClearML fills in when it saves a document without them, or with null: the defaults of its mongoengine
 * fields (an explicit {@code default=}, and the empty list or map every list, dict and map field defaults to), on
 * the document and inside the embedded documents it holds. ClearML's importer saves every document through those
 * models (data model §3.5, §5.5), so an archive from a server or exporter that left them out gets them too.
 * Only fields the target's generation declares ({@link DeclaredFields}) are filled.
 */
public final class SaveDefaults {

    private SaveDefaults() {
    }

    /** Fills a project's defaults, in place. */
    public static Document project(Document project) {
        fill(project, "tags", ArrayList::new);
        fill(project, "system_tags", ArrayList::new);
        fill(project, "featured", () -> 9999);
        fill(project, "path", ArrayList::new);
        return project;
    }

    /** Fills a task's defaults, in place: top level, execution, artifacts, script, metric_stats and models. */
    public static Document task(Document task, ServerGeneration generation) {
        fill(task, "status", () -> "created");
        fill(task, "report_assets", ArrayList::new);
        fill(task, "output", Document::new);
        execution(fill(task, "execution", Document::new));
        fill(task, "tags", ArrayList::new);
        fill(task, "system_tags", ArrayList::new);
        script(fill(task, "script", Document::new));
        fill(task, "last_iteration", () -> 0);
        fill(task, "last_metrics", Document::new);
        if (DeclaredFields.declares(Collections.TASK, "unique_metrics", generation)) {
            fill(task, "unique_metrics", ArrayList::new);
        }
        eachMap(fill(task, "metric_stats", Document::new), stats -> fill(stats, "event_stats_by_type", Document::new));
        fill(task, "hyperparams", Document::new);
        fill(task, "configuration", Document::new);
        fill(task, "runtime", Document::new);
        Object models = fill(task, "models", Document::new);
        if (models instanceof Map<?, ?> lists) {
            fill(lists, "input", ArrayList::new);
            fill(lists, "output", ArrayList::new);
        }
        fill(task, "container", Document::new);
        return task;
    }

    /** Fills a model's defaults, in place; the statistics fields only where the generation declares them. */
    public static Document model(Document model, ServerGeneration generation) {
        fill(model, "tags", ArrayList::new);
        fill(model, "system_tags", ArrayList::new);
        fill(model, "uri", () -> "");
        fill(model, "design", Document::new);
        fill(model, "labels", Document::new);
        fill(model, "ui_cache", Document::new);
        fill(model, "metadata", Document::new);
        if (DeclaredFields.declares(Collections.MODEL, "last_metrics", generation)) {
            fill(model, "last_iteration", () -> 0);
            fill(model, "last_metrics", Document::new);
            fill(model, "unique_metrics", ArrayList::new);
        }
        return model;
    }

    /** Fills a backend user's defaults, in place: {@code preferences} is a JSON string, empty by default (§1.8). */
    public static Document backendUser(Document user) {
        fill(user, "preferences", () -> "");
        return user;
    }

    /** Fills an auth user's defaults, in place (§1.9). */
    public static Document authUser(Document user) {
        fill(user, "role", () -> "user");
        fill(user, "credentials", ArrayList::new);
        return user;
    }

    private static void execution(Object execution) {
        if (execution instanceof Map<?, ?> map) {
            fill(map, "test_split", () -> 0);
            fill(map, "parameters", Document::new);
            fill(map, "model_desc", Document::new);
            fill(map, "model_labels", Document::new);
            eachMap(fill(map, "artifacts", Document::new), artifact -> {
                fill(artifact, "mode", () -> "output");
                fill(artifact, "display_data", ArrayList::new);
            });
        }
    }

    private static void script(Object script) {
        if (script instanceof Map<?, ?> map) {
            fill(map, "binary", () -> "python");
            fill(map, "repository", () -> "");
            fill(map, "entry_point", () -> "");
            fill(map, "requirements", Document::new);
        }
    }

    /** Applies {@code fill} to every embedded document held as a value of {@code map}. */
    private static void eachMap(Object map, Consumer<Map<?, ?>> fill) {
        if (map instanceof Map<?, ?> values) {
            values.values().forEach(value -> {
                if (value instanceof Map<?, ?> embedded) {
                    fill.accept(embedded);
                }
            });
        }
    }

    /** Puts the default when the field is absent or null; returns the field's value after. */
    @SuppressWarnings("unchecked")
    private static Object fill(Map<?, ?> document, String field, Supplier<Object> value) {
        Object present = document.get(field);
        if (present != null) {
            return present;
        }
        Object created = value.get();
        ((Map<String, Object>) document).put(field, created);
        return created;
    }
}
