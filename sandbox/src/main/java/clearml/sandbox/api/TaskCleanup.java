package clearml.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * What deleting or resetting a task does to what it produced ({@code bll/task/task_cleanup.py cleanup_task}):
 * refused while it has published children or ready output models unless forced; its draft output models deleted
 * (unless another task uses them as input), its ready ones unlinked; its events and the deleted models' events
 * deleted.
 */
final class TaskCleanup {

    private final Store store;
    private final EventStore events;

    TaskCleanup(Store store, EventStore events) {
        this.store = store;
        this.events = events;
    }

    /** The counts a delete or reset answers, and the models whose events go too. */
    record Result(long updatedChildren, long updatedModels, long deletedModels, Set<String> deletedModelIds) {

        void addTo(ObjectNode answer) {
            answer.put("updated_children", updatedChildren).put("updated_models", updatedModels)
                    .put("deleted_models", deletedModels).putNull("urls");
        }
    }

    Result cleanup(ApiCall call, Document task, boolean force, boolean updateChildren, boolean deleteOutputModels) {
        String id = task.getString("_id");
        List<Document> models = outputModels(task);
        if (!force) {
            refuseWhilePublished(id, models);
        }
        Date now = new Date();
        String deletedId = "__DELETED__" + id;
        long updatedChildren = updateChildren ? store.tasks().updateMany(Filters.eq("parent", id), Updates.combine(
                Updates.set("parent", deletedId), Updates.set("last_change", now),
                Updates.set("last_changed_by", call.user()))).getModifiedCount() : 0;
        List<String> drafts = models.stream().filter(m -> !m.getBoolean("ready", false))
                .map(m -> m.getString("_id")).toList();
        Set<String> deleted = new LinkedHashSet<>();
        if (deleteOutputModels) {
            Set<String> inUse = inputModelsIn(drafts);
            drafts.stream().filter(m -> !inUse.contains(m)).forEach(deleted::add);
            store.models().deleteMany(Filters.in("_id", deleted));
            unlinkTask(inUse, call, now);
        }
        List<String> kept = models.stream().map(m -> m.getString("_id"))
                .filter(m -> !deleteOutputModels || !drafts.contains(m)).toList();
        long updatedModels = 0;
        if (updateChildren) {
            updatedModels = store.models().updateMany(Filters.in("_id", kept), Updates.combine(
                    Updates.set("task", deletedId), Updates.set("last_change", now),
                    Updates.set("last_changed_by", call.user()))).getModifiedCount();
        } else {
            unlinkTask(new LinkedHashSet<>(kept), call, now);
        }
        return new Result(updatedChildren, updatedModels, deleted.size(), deleted);
    }

    /** {@code verify_task_children_and_ouptuts}: published children or ready output models need force. */
    private void refuseWhilePublished(String id, List<Document> models) {
        long publishedChildren = store.tasks().countDocuments(Filters.and(Filters.eq("parent", id),
                Filters.eq("status", "published")));
        if (publishedChildren > 0) {
            throw ApiError.TASK_CANNOT_BE_DELETED.withExtra("has children, use force=True", "task", id,
                    "children", publishedChildren);
        }
        long ready = models.stream().filter(m -> m.getBoolean("ready", false)).count();
        if (ready > 0) {
            throw ApiError.TASK_CANNOT_BE_DELETED.withExtra("has output models, use force=True", "task", id,
                    "models", ready);
        }
    }

    /** Deletes the task's events, and the deleted models' events ({@code _delete_task_events}). */
    void deleteEvents(String company, String taskId, Result result) {
        events.deleteFor(company, List.of(taskId));
        if (!result.deletedModelIds().isEmpty()) {
            events.deleteFor(company, new ArrayList<>(result.deletedModelIds()));
        }
    }

    /** The models with {@code task} set to this task, and those its {@code models.output} names. */
    private List<Document> outputModels(Document task) {
        Set<String> ids = new LinkedHashSet<>();
        store.models().find(Filters.eq("task", task.get("_id"))).forEach(m -> ids.add(m.getString("_id")));
        if (task.get("models") instanceof Document links) {
            links.getList("output", Document.class, List.of()).forEach(link -> ids.add(link.getString("model")));
        }
        return store.models().find(Filters.in("_id", ids)).into(new ArrayList<>());
    }

    private Set<String> inputModelsIn(List<String> modelIds) {
        Set<String> inUse = new LinkedHashSet<>();
        store.tasks().find(Filters.in("models.input.model", modelIds)).forEach(task ->
                ((Document) task.get("models")).getList("input", Document.class, List.of()).forEach(link -> {
                    if (modelIds.contains(link.getString("model"))) {
                        inUse.add(link.getString("model"));
                    }
                }));
        return inUse;
    }

    private void unlinkTask(Set<String> modelIds, ApiCall call, Date now) {
        if (!modelIds.isEmpty()) {
            store.models().updateMany(Filters.in("_id", modelIds), Updates.combine(Updates.unset("task"),
                    Updates.set("last_change", now), Updates.set("last_changed_by", call.user())));
        }
    }
}
