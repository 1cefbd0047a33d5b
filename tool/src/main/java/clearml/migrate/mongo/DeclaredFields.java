package clearml.migrate.mongo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The top-level fields ClearML's mongoengine models declare for projects, tasks and models, per server line. Its
 * importer loads each archived document with {@code from_json(created=True)}, which refuses any other field and
 * stops the import half-way (data model §1.1, §9 item 4).
 *
 * <p>The 2.x sets are read from {@code apiserver/database/model/{task/task,model,project}.py}. For 1.x, model
 * {@code last_iteration}, {@code last_metrics}, {@code unique_metrics}, {@code last_change} and
 * {@code last_changed_by} are the fields a 1.x importer was seen refusing (issue #13); task {@code unique_metrics}
 * and {@code last_changed_by} arrived with the same statistics rework [inferred: 1.x event code never writes them,
 * and the SDK's task schema of the 1.x API has {@code last_change} but not {@code last_changed_by}].
 */
public final class DeclaredFields {

    private static final List<String> PROJECT = List.of("_id", "company", "user", "name", "basename", "description",
            "created", "tags", "system_tags", "default_output_destination", "last_update", "featured", "logo_url",
            "logo_blob", "company_origin", "parent", "path");
    private static final List<String> TASK = List.of("_id", "company", "user", "name", "type", "status",
            "status_reason", "status_message", "status_changed", "comment", "report", "report_assets", "created",
            "started", "completed", "published", "active_duration", "parent", "project", "output", "execution", "tags",
            "system_tags", "script", "last_worker", "last_worker_report", "last_update", "last_change",
            "last_iteration", "last_metrics", "unique_metrics", "metric_stats", "company_origin", "duration",
            "hyperparams", "configuration", "runtime", "models", "container", "enqueue_status", "last_changed_by");
    private static final List<String> MODEL = List.of("_id", "company", "user", "name", "parent", "project",
            "created", "task", "comment", "tags", "system_tags", "uri", "framework", "design", "labels", "ready",
            "last_update", "last_change", "last_changed_by", "ui_cache", "company_origin", "metadata",
            "last_iteration", "last_metrics", "unique_metrics");
    private static final Set<String> TASK_SINCE_2 = Set.of("unique_metrics", "last_changed_by");
    private static final Set<String> MODEL_SINCE_2 = Set.of("last_iteration", "last_metrics", "unique_metrics",
            "last_change", "last_changed_by");

    private DeclaredFields() {
    }

    private static Set<String> without(List<String> fields, Set<String> removed) {
        return fields.stream().filter(field -> !removed.contains(field)).collect(Collectors.toUnmodifiableSet());
    }

    private static final Map<String, Set<String>> VERSION_2 = Map.of(Collections.PROJECT, Set.copyOf(PROJECT),
            Collections.TASK, Set.copyOf(TASK), Collections.MODEL, Set.copyOf(MODEL));
    private static final Map<String, Set<String>> VERSION_1 = Map.of(Collections.PROJECT, Set.copyOf(PROJECT),
            Collections.TASK, without(TASK, TASK_SINCE_2), Collections.MODEL, without(MODEL, MODEL_SINCE_2));

    /** The fields {@code generation} declares for documents of {@code collection} (project, task or model). */
    public static Set<String> of(String collection, ServerGeneration generation) {
        Set<String> fields = (generation == ServerGeneration.V1 ? VERSION_1 : VERSION_2).get(collection);
        if (fields == null) {
            throw new IllegalArgumentException("no field table for collection " + collection);
        }
        return fields;
    }

    /** Whether {@code generation} declares {@code field} on documents of {@code collection}. */
    public static boolean declares(String collection, String field, ServerGeneration generation) {
        return of(collection, generation).contains(field);
    }
}
