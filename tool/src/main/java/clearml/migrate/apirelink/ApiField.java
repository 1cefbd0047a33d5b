package clearml.migrate.apirelink;

import clearml.migrate.links.LinkPlace;
import clearml.migrate.links.LinkPlace.Holder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where each document place of {@link LinkPlace} lives in an entity as the REST API answers it, and the one call of
 * ClearML's server that can write it back (read in {@code apiserver/services/*.py}): a field is always sent whole,
 * as the server merges only top-level keys of an embedded document ({@code tasks.edit}) and keys artifacts by
 * {@code md5(key)_mode} itself. {@code project.logo_url} has no call: {@code projects.update} drops it. Artifacts go
 * whole with {@code tasks.edit}: {@code tasks.add_or_update_artifacts} would send only the changed ones, but the
 * server takes it only from a task in {@code created} or {@code in_progress} ({@code bll/task/artifacts.py} through
 * {@code bll/task/utils.py get_task_for_update}, force or not), and a relink mostly meets finished tasks.
 */
enum ApiField {
    MODEL_URI(Holder.MODEL, "uri", Call.MODELS_EDIT, "uri"),
    TASK_ARTIFACTS(Holder.TASK, "execution.artifacts", Call.TASKS_EDIT, "execution.artifacts"),
    TASK_OUTPUT_DESTINATION(Holder.TASK, "output.destination", Call.TASKS_EDIT, "output_dest"),
    REPORT(Holder.TASK, "report", Call.REPORTS_UPDATE, "report"),
    REPORT_ASSETS(Holder.TASK, "report_assets", Call.REPORTS_UPDATE, "report_assets"),
    PROJECT_DESCRIPTION(Holder.PROJECT, "description", Call.PROJECTS_UPDATE, "description"),
    PROJECT_DEFAULT_OUTPUT_DESTINATION(Holder.PROJECT, "default_output_destination", Call.PROJECTS_UPDATE,
            "default_output_destination"),
    PROJECT_LOGO_URL(Holder.PROJECT, "logo_url", Call.NONE, "");

    /** The server's calls that change an entity's fields, with the rule each applies to the entity's status. */
    enum Call {
        /** {@code models.edit}: any model of the caller's company, ready or not. */
        MODELS_EDIT("models.edit", "model"),
        /** {@code tasks.edit} with {@code force}: any status; restamps {@code last_update}. */
        TASKS_EDIT("tasks.edit", "task"),
        /** {@code reports.update}: report tasks, and their text only while they are drafts ({@code created}). */
        REPORTS_UPDATE("reports.update", "task"),
        /** {@code projects.update}: any project of the caller's company. */
        PROJECTS_UPDATE("projects.update", "project"),
        NONE("", "");

        private final String endpoint;
        private final String idField;

        Call(String endpoint, String idField) {
            this.endpoint = endpoint;
            this.idField = idField;
        }

        String endpoint() {
            return endpoint;
        }

        String idField() {
            return idField;
        }
    }

    private final Holder holder;
    private final List<String> path;
    private final Call call;
    private final List<String> requestPath;

    ApiField(Holder holder, String path, Call call, String requestPath) {
        this.holder = holder;
        this.path = List.of(path.split("\\."));
        this.call = call;
        this.requestPath = requestPath.isEmpty() ? List.of() : List.of(requestPath.split("\\."));
    }

    /** The fields of one holder, in table order. */
    static List<ApiField> of(Holder holder) {
        return Arrays.stream(values()).filter(field -> field.holder == holder).toList();
    }

    /** The field holding a place: the place's top-level container ({@link LinkPlace#projection()}). */
    static ApiField of(LinkPlace place) {
        return Arrays.stream(values())
                .filter(field -> field.holder == place.holder() && field.dotted().equals(place.projection()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no API field holds " + place));
    }

    Holder holder() {
        return holder;
    }

    Call call() {
        return call;
    }

    /** The dotted path in the API's answer, as {@code only_fields} names it. */
    String dotted() {
        return String.join(".", path);
    }

    /** The value in an entity as answered, or null when absent. */
    @Nullable JsonNode in(JsonNode entity) {
        JsonNode node = entity;
        for (String step : path) {
            node = node.path(step);
        }
        return node.isMissingNode() ? null : node;
    }

    /** Puts {@code value} into a call's body where the call takes it ({@code output_dest} for the destination). */
    void putInto(ObjectNode body, JsonNode value) {
        ObjectNode parent = body;
        for (String step : requestPath.subList(0, requestPath.size() - 1)) {
            parent = parent.has(step) ? (ObjectNode) parent.get(step) : parent.putObject(step);
        }
        parent.set(requestPath.get(requestPath.size() - 1), value);
    }

    /** The place's report name prefix, e.g. {@code task.execution.artifacts}. */
    String reportName() {
        return holder.name().toLowerCase(java.util.Locale.ROOT) + "." + dotted();
    }
}
