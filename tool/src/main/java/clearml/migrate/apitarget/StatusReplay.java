package clearml.migrate.apitarget;

import clearml.migrate.api.ApiJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A task brought to its archived status with the API's status calls, after its events (a published task refuses
 * events; issue #15). The calls stamp the time of the call, so the archived dates are kept in {@code migrated}.
 * {@code queued} is left {@code created}: queuing needs a queue and would start the task on an agent; the read-back
 * reports it. Every call is forced: the import replays a history, it does not run one. The last call carries the
 * archived {@code status_reason} and {@code status_message}; a task that stays {@code created} takes them from
 * {@code tasks.unarchive_many} (or {@code archive_many} when it is archived), the one call that sets both without a
 * status change (server {@code task_operations.unarchive_task}): {@code tasks.edit} drops both and
 * {@code tasks.update} keeps only the message.
 */
final class StatusReplay {

    private static final Map<String, List<String>> CALLS = Map.of(
            "created", List.of(),
            "queued", List.of(),
            "in_progress", List.of("tasks.started"),
            "stopped", List.of("tasks.started", "tasks.stopped"),
            "failed", List.of("tasks.started", "tasks.failed"),
            "completed", List.of("tasks.started", "tasks.completed"),
            "closed", List.of("tasks.started", "tasks.stopped", "tasks.close"),
            "publishing", List.of("tasks.started", "tasks.completed", "tasks.publish"),
            "published", List.of("tasks.started", "tasks.completed", "tasks.publish"));

    private StatusReplay() {
    }

    /** Moves the task from {@code created} to the status of {@code archived} (API form). */
    static void replay(Caller caller, String targetId, JsonNode archived, @Nullable String owner) {
        List<String> calls = CALLS.getOrDefault(archived.path("status").asText("created"), List.of());
        if (calls.isEmpty()) {
            keepReason(caller, targetId, archived, owner);
        }
        for (int i = 0; i < calls.size(); i++) {
            ObjectNode body = ApiJson.object().put("task", targetId).put("force", true);
            if (i == calls.size() - 1) {
                copyText(archived, body, "status_reason");
                copyText(archived, body, "status_message");
            }
            if ("tasks.publish".equals(calls.get(i))) {
                // The model's own readiness is restored from the archive, not implied by publishing its task.
                body.put("publish_model", false);
            }
            caller.call(calls.get(i), body, owner);
        }
    }

    private static void keepReason(Caller caller, String targetId, JsonNode archived, @Nullable String owner) {
        if (!archived.path("status_reason").isTextual() && !archived.path("status_message").isTextual()) {
            return;
        }
        boolean isArchived = false;
        for (JsonNode tag : archived.path("system_tags")) {
            isArchived |= "archived".equals(tag.asText());
        }
        ObjectNode body = ApiJson.object().put("status_reason", archived.path("status_reason").asText(""))
                .put("status_message", archived.path("status_message").asText(""));
        body.putArray("ids").add(targetId);
        caller.call(isArchived ? "tasks.archive_many" : "tasks.unarchive_many", body, owner);
    }

    private static void copyText(JsonNode from, ObjectNode to, String field) {
        if (from.path(field).isTextual() && !from.path(field).textValue().isEmpty()) {
            to.put(field, from.path(field).textValue());
        }
    }
}
