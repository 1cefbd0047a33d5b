package clearml.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * A task status change ({@code bll/task/utils.py ChangeStatusRequest}): the transition checked against the
 * server's state machine unless forced, then one atomic update conditioned on the status read, stamping
 * {@code status_changed}, {@code last_update}, {@code last_change} and {@code last_changed_by} with the fields the
 * status call adds; the answer lists the plain fields set.
 */
final class TaskStatusChange {

    static final Map<String, Set<String>> STATE_MACHINE = Map.of(
            "created", Set.of("queued", "in_progress"),
            "queued", Set.of("created", "in_progress", "stopped"),
            "in_progress", Set.of("stopped", "failed", "created", "completed"),
            "stopped", Set.of("closed", "created", "failed", "queued", "in_progress", "published", "publishing",
                    "completed"),
            "closed", Set.of("created", "failed", "published", "publishing", "stopped"),
            "failed", Set.of("created", "stopped", "published", "queued"),
            "publishing", Set.of("published"),
            "published", Set.of(),
            "completed", Set.of("published", "in_progress", "created"));

    private final Store store;

    TaskStatusChange(Store store) {
        this.store = store;
    }

    /** What a status call sets besides the status: plain fields (answered), and operator updates (not answered). */
    record Extra(Document set, List<Bson> operators) {

        static Extra none() {
            return new Extra(new Document(), List.of());
        }

        static Extra setting(String field, Object value) {
            return new Extra(new Document(field, value), List.of());
        }
    }

    ObjectNode execute(Document task, String newStatus, ApiCall call, boolean force, Extra extra) {
        String current = task.getString("status");
        if (!force) {
            validateTransition(current, newStatus);
        }
        Date now = new Date();
        Document fields = new Document("status", newStatus).append("status_reason", call.string("status_reason", ""))
                .append("status_message", call.string("status_message", "")).append("status_changed", now)
                .append("last_update", now).append("last_change", now).append("last_changed_by", call.user());
        fields.putAll(extra.set());
        List<Bson> updates = new ArrayList<>();
        fields.forEach((field, value) -> updates.add(Updates.set(field, value)));
        updates.addAll(extra.operators());
        long updated = store.tasks().updateOne(Filters.and(Filters.eq("_id", task.get("_id")),
                Filters.eq("status", current)), Updates.combine(updates)).getModifiedCount();
        if (updated == 0) {
            throw ApiError.FAILED_CHANGING_TASK_STATUS.with("task_id", task.get("_id"), "current_status", current,
                    "new_status", newStatus);
        }
        Projects.touch(store, task.getString("project"), now);
        ObjectNode answer = Json.object().put("updated", updated);
        answer.set("fields", Json.toJson(fields));
        return answer;
    }

    static void validateTransition(@Nullable String current, String newStatus) {
        if (!newStatus.equals(current) && !STATE_MACHINE.getOrDefault(current, Set.of()).contains(newStatus)) {
            throw ApiError.INVALID_TASK_STATUS.withExtra("Invalid status change", "current_status", current,
                    "new_status", newStatus);
        }
    }
}
