package clearml.migrate.apitarget;

import clearml.migrate.archive.EntityKind;
import java.util.Locale;
import java.util.Set;

/**
 * What ClearML's API lets a client write per kind (clearml-rest-api.md; server {@code services/*.py}
 * {@code create_fields}) and which fields only the server sets: ids, owners, companies and dates. A create or edit
 * sends only the writable fields; a read-back compares everything but the server's own.
 */
final class ApiEntities {

    /** {@code tasks.create}/{@code edit} keep these ({@code output_dest} stands for {@code output.destination}). */
    static final Set<String> TASK_WRITABLE = Set.of("name", "tags", "system_tags", "type", "comment", "parent",
            "project", "models", "container", "output_dest", "execution", "hyperparams", "configuration", "script",
            "runtime");
    static final Set<String> MODEL_WRITABLE = Set.of("name", "uri", "labels", "tags", "system_tags", "comment",
            "project", "parent", "framework", "design", "ready", "ui_cache", "task", "metadata");
    static final Set<String> PROJECT_WRITABLE = Set.of("name", "description", "tags", "system_tags",
            "default_output_destination");

    /** Set by the server from the call (who, when), never from the body: recorded in {@code migrated} instead. */
    static final Set<String> TASK_SERVER_OWNED = Set.of("id", "company", "user", "created", "started", "completed",
            "published", "last_update", "last_change", "last_changed_by", "status_changed", "active_duration",
            "last_worker", "last_worker_report");
    static final Set<String> MODEL_SERVER_OWNED = Set.of("id", "company", "user", "created", "last_update",
            "last_change", "last_changed_by");
    /** {@code hidden} is the server's reading of the {@code hidden} system tag in its answers, never stored. */
    static final Set<String> PROJECT_SERVER_OWNED = Set.of("id", "company", "user", "created", "last_update",
            "hidden");

    private ApiEntities() {
    }

    /** {@code tasks.create}, {@code models.get_all_ex}, … */
    static String endpoint(EntityKind kind, String action) {
        return service(kind) + "." + action;
    }

    /** {@code tasks}, {@code models}, {@code projects}: the service, also the list field of its answers. */
    static String service(EntityKind kind) {
        return kind.name().toLowerCase(Locale.ROOT) + "s";
    }

    /** The request field naming one entity: {@code task}, {@code model}, {@code project}. */
    static String field(EntityKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    static Set<String> writable(EntityKind kind) {
        return switch (kind) {
            case TASK -> TASK_WRITABLE;
            case MODEL -> MODEL_WRITABLE;
            case PROJECT -> PROJECT_WRITABLE;
        };
    }

    static Set<String> serverOwned(EntityKind kind) {
        return switch (kind) {
            case TASK -> TASK_SERVER_OWNED;
            case MODEL -> MODEL_SERVER_OWNED;
            case PROJECT -> PROJECT_SERVER_OWNED;
        };
    }
}
