package clearml.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The status calls ({@code tasks.started}, {@code stopped}, {@code completed}, {@code failed}, {@code close},
 * {@code publish}, {@code reset}), {@code archive}/{@code unarchive} and {@code delete}, as
 * {@code services/tasks.py} and {@code bll/task/task_operations.py} run them: each stamps the time of the call,
 * never a time the client sends.
 */
final class TaskLifecycle {

    private final Store store;
    private final TaskStatusChange statusChange;
    private final TaskCleanup cleanup;

    TaskLifecycle(Store store, TaskCleanup cleanup) {
        this.store = store;
        this.statusChange = new TaskStatusChange(store);
        this.cleanup = cleanup;
    }

    void register(EndpointTable table) {
        table.add("tasks.started", this::started);
        table.add("tasks.stopped", call -> change(call, "stopped", TaskStatusChange.Extra.setting("completed", new Date())));
        table.add("tasks.completed", "2.2", this::completed);
        table.add("tasks.failed", call -> change(call, "failed", TaskStatusChange.Extra.none()));
        table.add("tasks.close", call -> change(call, "closed", TaskStatusChange.Extra.none()));
        table.add("tasks.publish", call -> publish(call, writable(call)));
        table.add("tasks.reset", this::reset);
        table.add("tasks.archive", call -> archive(call));
        table.add("tasks.archive_many", call -> archiveMany(call, true));
        table.add("tasks.unarchive_many", call -> archiveMany(call, false));
        table.add("tasks.delete", this::delete);
    }

    private Document writable(ApiCall call) {
        return writableTask(call, call.required("task"));
    }

    private ObjectNode change(ApiCall call, String status, TaskStatusChange.Extra extra) {
        return statusChange.execute(writable(call), status, call, call.flag("force", false), extra);
    }

    /** {@code started}: {@code started} is now, unless an earlier one is kept ({@code min__started}). */
    private JsonNode started(ApiCall call) {
        Document task = writable(call);
        Date now = new Date();
        TaskStatusChange.Extra extra = task.get("started") == null
                ? TaskStatusChange.Extra.setting("started", now)
                : new TaskStatusChange.Extra(new Document(), List.of(Updates.min("started", now)));
        ObjectNode answer = statusChange.execute(task, "in_progress", call, call.flag("force", false), extra);
        return answer.put("started", answer.path("updated").asLong());
    }

    private JsonNode completed(ApiCall call) {
        ObjectNode answer = change(call, "completed", TaskStatusChange.Extra.setting("completed", new Date()));
        if (answer.path("updated").asLong() > 0 && call.flag("publish", false)) {
            ObjectNode published = publish(call, writable(call));
            answer.put("published", published.path("updated").asLong());
            ((ObjectNode) answer.get("fields")).set("status", published.at("/fields/status"));
        }
        return answer;
    }

    /** {@code publish_task}: publishing, the last output model made ready, then published with a timestamp. */
    private ObjectNode publish(ApiCall call, Document task) {
        boolean force = call.flag("force", false);
        if (!force) {
            TaskStatusChange.validateTransition(task.getString("status"), "published");
        }
        store.tasks().updateOne(Filters.eq("_id", task.get("_id")), Updates.set("status", "publishing"));
        Document publishing = new Document(task).append("status", "publishing");
        try {
            if (call.flag("publish_model", true)) {
                publishLastOutputModel(call, task);
            }
            Document output = task.get("output") instanceof Document o ? o : new Document();
            return statusChange.execute(publishing, "published", call, force,
                    new TaskStatusChange.Extra(new Document("published", new Date()).append("output", output),
                            List.of()));
        } catch (RuntimeException e) {
            store.tasks().updateOne(Filters.eq("_id", task.get("_id")), Updates.set("status", task.get("status")));
            throw e;
        }
    }

    private void publishLastOutputModel(ApiCall call, Document task) {
        List<Document> outputs = task.get("models") instanceof Document models
                ? models.getList("output", Document.class, List.of()) : List.of();
        if (outputs.isEmpty()) {
            return;
        }
        String modelId = outputs.get(outputs.size() - 1).getString("model");
        Document model = store.models().find(Filters.and(Filters.eq("_id", modelId),
                Filters.eq("company", call.company()))).first();
        if (model != null && !model.getBoolean("ready", false)) {
            Date now = new Date();
            store.models().updateOne(Filters.eq("_id", modelId), Updates.combine(Updates.set("ready", true),
                    Updates.set("last_update", now), Updates.set("last_change", now),
                    Updates.set("last_changed_by", call.user())));
        }
    }

    /** {@code reset_task}: back to created with every statistic, output model link and event cleared. */
    private JsonNode reset(ApiCall call) {
        Document task = writable(call);
        boolean force = call.flag("force", false);
        if (!force && "published".equals(task.getString("status"))) {
            throw ApiError.INVALID_TASK_STATUS.with("task_id", task.get("_id"), "status", task.get("status"));
        }
        TaskCleanup.Result cleaned = cleanup.cleanup(call, task, force, false, call.flag("delete_output_models", true));
        List<Bson> operators = new ArrayList<>(List.of(Updates.set("last_iteration", 0),
                Updates.set("last_metrics", new Document()), Updates.set("unique_metrics", List.of()),
                Updates.set("metric_stats", new Document()), Updates.set("models.output", List.of()),
                Updates.set("runtime", new Document())));
        for (String field : List.of("output.result", "output.error", "last_worker", "last_worker_report", "started",
                "completed", "published", "active_duration", "enqueue_status")) {
            operators.add(Updates.unset(field));
        }
        operators.addAll(resetExecution(task, call.flag("clear_all", false)));
        ObjectNode answer = statusChange.execute(task, "created", resetCall(call), force,
                new TaskStatusChange.Extra(new Document(), operators));
        cleanup.deleteEvents(call.company(), task.getString("_id"), cleaned);
        cleaned.addTo(answer);
        return answer.put("dequeued", (String) null);
    }

    private static List<Bson> resetExecution(Document task, boolean clearAll) {
        if (clearAll) {
            return List.of(Updates.set("execution", new Document("test_split", 0).append("parameters", new Document())
                    .append("model_desc", new Document()).append("model_labels", new Document())
                    .append("artifacts", new Document())), Updates.unset("script"));
        }
        List<Bson> updates = new ArrayList<>(List.of(Updates.unset("execution.queue")));
        if (task.get("execution") instanceof Document execution
                && execution.get("artifacts") instanceof Document artifacts && !artifacts.isEmpty()) {
            Document inputs = new Document();
            artifacts.forEach((key, artifact) -> {
                if ("input".equals(((Document) artifact).getString("mode"))) {
                    inputs.put(key, artifact);
                }
            });
            updates.add(Updates.set("execution.artifacts", inputs));
        }
        return updates;
    }

    /** The reset's status reason and message are always {@code reset}. */
    private static ApiCall resetCall(ApiCall call) {
        ApiCall reset = new ApiCall(call.endpoint(), call.requestedVersion(), java.util.Map.of());
        ObjectNode data = call.data().deepCopy().put("status_reason", "reset").put("status_message", "reset");
        reset.load(data, null);
        reset.identity(call.identity());
        return reset;
    }

    /** {@code tasks.archive}: every task of {@code tasks} must exist; answers how many it archived. */
    private JsonNode archive(ApiCall call) {
        List<String> ids = ids(call.data().path("tasks"));
        Entities.existing(store.tasks(), call.company(), ids, false, ApiError.INVALID_TASK_ID);
        long archived = 0;
        for (String id : ids) {
            archived += tag(call, id, true);
        }
        return Json.object().put("archived", archived);
    }

    /** {@code archive_many} / {@code unarchive_many}: each of {@code ids} succeeds or fails on its own. */
    private JsonNode archiveMany(ApiCall call, boolean archive) {
        ObjectNode answer = Json.object();
        var succeeded = answer.putArray("succeeded");
        var failed = answer.putArray("failed");
        for (String id : ids(call.data().path("ids"))) {
            try {
                writableTask(call, id);
                succeeded.addObject().put("id", id).put(archive ? "archived" : "unarchived", tag(call, id, archive) > 0);
            } catch (ApiException e) {
                ObjectNode failure = failed.addObject().put("id", id);
                failure.putObject("error").put("msg", e.getMessage()).putArray("codes").add(e.code()).add(e.subcode());
            }
        }
        return answer;
    }

    private Document writableTask(ApiCall call, String id) {
        return Entities.writable(store.tasks(), id, call.company(), "task", ApiError.INVALID_TASK_ID);
    }

    private long tag(ApiCall call, String id, boolean archive) {
        Bson tag = archive ? Updates.addToSet("system_tags", "archived") : Updates.pull("system_tags", "archived");
        return store.tasks().updateOne(Filters.eq("_id", id), Updates.combine(tag,
                Updates.set("status_message", call.string("status_message", "")),
                Updates.set("status_reason", call.string("status_reason", "")),
                Updates.set("last_change", new Date()), Updates.set("last_changed_by", call.user())))
                .getMatchedCount();
    }

    private static List<String> ids(JsonNode values) {
        List<String> ids = new ArrayList<>();
        values.forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** {@code delete_task}: only created or archived tasks unless forced; a copy goes to {@code task__trash}. */
    private JsonNode delete(ApiCall call) {
        Document task = writable(call);
        boolean force = call.flag("force", false);
        List<String> tags = task.getList("system_tags", String.class, List.of());
        if (!"created".equals(task.getString("status")) && !tags.contains("archived") && !force) {
            throw ApiError.TASK_CANNOT_BE_DELETED.withExtra("due to status, use force=True", "task", task.get("_id"),
                    "expected", "created", "current", task.get("status"));
        }
        TaskCleanup.Result cleaned = cleanup.cleanup(call, task, force, true, call.flag("delete_output_models", true));
        String id = task.getString("_id");
        if (call.flag("move_to_trash", true)) {
            Document latest = Store.byId(store.tasks(), id);
            if (latest != null) {
                latest.put("last_update", new Date());
                store.taskTrash().replaceOne(Filters.eq("_id", id), latest, new ReplaceOptions().upsert(true));
            }
        }
        store.tasks().deleteOne(Filters.eq("_id", id));
        cleanup.deleteEvents(call.company(), id, cleaned);
        Projects.touch(store, task.getString("project"), new Date());
        ObjectNode answer = Json.object().put("deleted", true);
        cleaned.addTo(answer);
        return answer;
    }
}
