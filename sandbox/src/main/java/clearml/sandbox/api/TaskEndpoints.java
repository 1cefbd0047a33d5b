package clearml.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * {@code tasks.get_by_id}, {@code get_all}, {@code get_all_ex}, {@code create}, {@code edit}, {@code update} and
 * {@code update_batch} as {@code services/tasks.py} serves them: ids, owners, companies and dates are the server's;
 * a create or edit keeps only {@link TaskFields#CREATE}; an update only the user-settable fields.
 */
final class TaskEndpoints {

    /** The task fields {@code user_set_allowed} marks that {@code tasks.update} may set. */
    static final Set<String> UPDATABLE = Set.of("name", "tags", "system_tags", "comment", "project",
            "status_message");
    /** {@code Task.user_set_allowed()}: an edit touching only these leaves {@code last_update} alone. */
    private static final Set<String> USER_SET_ALLOWED = Set.of("name", "status_message", "comment", "created",
            "project", "tags", "system_tags");
    private static final String DELETED_PREFIX = "__DELETED__";

    private final Store store;
    private final Listing listing;

    TaskEndpoints(Store store, Listing listing) {
        this.store = store;
        this.listing = listing;
    }

    void register(EndpointTable table) {
        table.add("tasks.get_by_id", this::getById);
        table.add("tasks.get_all", call -> getAll(call, true));
        table.add("tasks.get_all_ex", call -> getAll(call, call.flag("allow_public", true)));
        table.add("tasks.create", this::create);
        table.add("tasks.edit", this::edit);
        table.add("tasks.update", this::update);
        table.add("tasks.update_batch", this::updateBatch);
    }

    private JsonNode getById(ApiCall call) {
        Document task = Entities.existing(store.tasks(), call.company(), List.of(call.required("task")), true,
                ApiError.INVALID_TASK_ID).get(0);
        ObjectNode answer = Json.object();
        answer.set("task", TaskFields.toApi(task));
        return answer;
    }

    private JsonNode getAll(ApiCall call, boolean allowPublic) {
        Listing.Page page = listing.list(store.tasks(), call.data(), Listing.scope(call.company(), allowPublic),
                ListOptions.TASKS);
        return page.answer("tasks", TaskFields::toApi);
    }

    private JsonNode create(ApiCall call) {
        call.required("name");
        String type = call.required("type");
        Date now = new Date();
        Document fields = TaskFields.prepare(call.data(), TaskFields.CREATE, now);
        validateReferences(fields, call.company());
        validateForSave(fields.getString("name"), type);
        Document task = TaskFields.newTask(UUID.randomUUID().toString().replace("-", ""), call.identity(), fields, now);
        store.tasks().insertOne(task);
        Projects.touch(store, task.getString("project"), now);
        return Json.object().put("id", task.getString("_id"));
    }

    /** What mongoengine's {@code save()} checks: a name of at least 3 characters and a known type. */
    static void validateForSave(String name, String type) {
        if (name.strip().length() < 3) {
            throw ApiError.DATA_VALIDATION_ERROR.with("name", "String value is too short");
        }
        if (!TaskFields.TYPES.contains(type)) {
            throw ApiError.DATA_VALIDATION_ERROR.with("type", "Value must be one of " + TaskFields.TYPES);
        }
    }

    /** {@code TaskBLL.validate}: the parent task, the project and the input models must exist. */
    private void validateReferences(Document fields, String company) {
        String parent = fields.getString("parent");
        if (parent != null && !parent.startsWith(DELETED_PREFIX) && store.tasks().find(Filters.and(
                Filters.eq("_id", parent), Listing.scope(company, true))).first() == null) {
            throw ApiError.INVALID_TASK_ID.withExtra("invalid parent", "parent", parent);
        }
        String project = fields.getString("project");
        if (project != null) {
            Entities.writable(store.projects(), project, company, "project", ApiError.INVALID_PROJECT_ID);
        }
        List<String> inputModels = new ArrayList<>();
        if (fields.get("models") instanceof Document models && models.get("input") instanceof List<?> inputs) {
            inputs.forEach(link -> inputModels.add(((Document) link).getString("model")));
        }
        List<String> missing = new ArrayList<>(inputModels);
        store.models().find(Filters.and(Filters.in("_id", inputModels), Listing.scope(company, true)))
                .forEach(model -> missing.remove(model.getString("_id")));
        if (!missing.isEmpty()) {
            throw ApiError.INVALID_MODEL_ID.with("models", missing);
        }
    }

    private JsonNode edit(ApiCall call) {
        Document task = Entities.writable(store.tasks(), call.required("task"), call.company(), "task",
                ApiError.INVALID_TASK_ID);
        if (!call.flag("force", false) && !"created".equals(task.getString("status"))) {
            throw ApiError.INVALID_TASK_STATUS.with("expected", "created", "status", task.getString("status"));
        }
        Set<String> allowed = new java.util.HashSet<>(TaskFields.CREATE);
        allowed.add("status");
        Date now = new Date();
        Document fields = TaskFields.prepare(call.data(), allowed, now);
        for (String embedded : TaskFields.EMBEDDED) {
            if (fields.get(embedded) instanceof Document changes && task.get(embedded) instanceof Document stored) {
                fields.put(embedded, TaskFields.merged(new Document(stored), changes));
            }
        }
        validateReferences(fields, call.company());
        if (fields.isEmpty()) {
            return Json.object().put("updated", 0);
        }
        boolean userFieldsOnly = USER_SET_ALLOWED.containsAll(fields.keySet());
        fields.append("last_change", now).append("last_changed_by", call.user());
        if (!userFieldsOnly) {
            fields.append("last_update", now);
        }
        long updated = setFields(task.getString("_id"), fields);
        Projects.touch(store, fields.getString("project"), now);
        return updateAnswer(updated, TaskFields.toApi(fields));
    }

    private JsonNode update(ApiCall call) {
        Document task = Entities.writable(store.tasks(), call.required("task"), call.company(), "task",
                ApiError.INVALID_TASK_ID);
        Document fields = updatableFields(call.data());
        if (fields == null) {
            return Json.object().put("updated", 0);
        }
        if (fields.isEmpty()) {
            return updateAnswer(0, Json.object());
        }
        Date now = new Date();
        fields.append("last_change", now).append("last_changed_by", call.user());
        long updated = setFields(task.getString("_id"), fields);
        Projects.touch(store, fields.getString("project"), now);
        return updateAnswer(updated, TaskFields.toApi(fields));
    }

    /**
     * {@code prepare_update_fields} then {@code safe_update}: null when the call names no field an update reads,
     * empty when it names only fields the update then drops ({@code status}, {@code status_reason}).
     */
    private static @org.jspecify.annotations.Nullable Document updatableFields(ObjectNode data) {
        Set<String> read = new java.util.HashSet<>(UPDATABLE);
        read.add("status");
        read.add("status_reason");
        Document parsed = TaskFields.prepare(data, read, new Date());
        if (parsed.isEmpty()) {
            return null;
        }
        parsed.keySet().retainAll(UPDATABLE);
        return parsed;
    }

    private JsonNode updateBatch(ApiCall call) {
        List<ObjectNode> items = call.batchedData();
        if (items.isEmpty()) {
            throw ApiError.BATCH_CONTAINS_NO_ITEMS.with();
        }
        Map<String, ObjectNode> byTask = new LinkedHashMap<>();
        items.forEach(item -> byTask.put(item.path("task").asText(), item));
        List<Document> tasks = store.tasks().find(Filters.and(Filters.in("_id", byTask.keySet()),
                Filters.eq("company", call.company()))).into(new ArrayList<>());
        if (tasks.size() < byTask.size()) {
            List<String> missing = new ArrayList<>(byTask.keySet());
            tasks.forEach(task -> missing.remove(task.getString("_id")));
            throw ApiError.INVALID_TASK_ID.with("ids", missing);
        }
        Date now = new Date();
        List<WriteModel<Document>> writes = new ArrayList<>();
        byTask.forEach((id, item) -> {
            Document fields = updatableFields(item);
            if (fields != null && !fields.isEmpty()) {
                fields.append("last_change", now).append("last_changed_by", call.user());
                writes.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", id),
                        Filters.eq("company", call.company())), new Document("$set", fields)));
            }
        });
        long updated = writes.isEmpty() ? 0 : store.tasks().bulkWrite(writes).getModifiedCount();
        return Json.object().put("updated", updated);
    }

    private long setFields(String id, Document fields) {
        List<Bson> sets = new ArrayList<>();
        fields.forEach((field, value) -> sets.add(Updates.set(field, value)));
        return store.tasks().updateOne(Filters.eq("_id", id), Updates.combine(sets)).getModifiedCount();
    }

    static ObjectNode updateAnswer(long updated, ObjectNode fields) {
        ObjectNode answer = Json.object().put("updated", updated);
        answer.set("fields", fields);
        return answer;
    }
}
