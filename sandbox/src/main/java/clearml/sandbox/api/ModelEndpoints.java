package clearml.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * {@code models.get_by_id}, {@code get_all}, {@code get_all_ex}, {@code create}, {@code update}, {@code edit},
 * {@code set_ready} and {@code delete} as {@code services/models.py} and {@code bll/model} serve them: a create
 * ignores ids, owners and dates and makes the model ready unless told otherwise; only {@code update} sets
 * {@code created}; {@code edit} sets {@code ready}, framework, labels and design.
 */
final class ModelEndpoints {

    private final Store store;
    private final Listing listing;
    private final EventStore events;

    ModelEndpoints(Store store, Listing listing, EventStore events) {
        this.store = store;
        this.listing = listing;
        this.events = events;
    }

    void register(EndpointTable table) {
        table.add("models.get_by_id", this::getById);
        table.add("models.get_all", call -> getAll(call, true));
        table.add("models.get_all_ex", call -> getAll(call, call.flag("allow_public", true)));
        table.add("models.create", this::create);
        table.add("models.update", this::update);
        table.add("models.edit", this::edit);
        table.add("models.set_ready", this::setReady);
        table.add("models.delete", this::delete);
    }

    private JsonNode getById(ApiCall call) {
        String id = call.required("model");
        Document model = store.models().find(Filters.and(Filters.eq("_id", id), Listing.scope(call.company(), true)))
                .first();
        if (model == null) {
            throw ApiError.INVALID_MODEL_ID.withExtra("no such public or company model", "id", id,
                    "company", call.company());
        }
        ObjectNode answer = Json.object();
        answer.set("model", ModelFields.toApi(model));
        return answer;
    }

    private JsonNode getAll(ApiCall call, boolean allowPublic) {
        Listing.Page page = listing.list(store.models(), call.data(), Listing.scope(call.company(), allowPublic),
                ListOptions.MODELS);
        return page.answer("models", ModelFields::toApi);
    }

    private JsonNode create(ApiCall call) {
        ModelFields.validateCreate(call);
        String company = call.flag("public", false) ? "" : call.company();
        Document fields = ModelFields.prepare(call.data(), ModelFields.CREATE);
        String project = fields.getString("project");
        if (project != null && store.projects().countDocuments(Filters.and(Filters.eq("_id", project),
                Filters.eq("company", company))) == 0) {
            throw ApiError.VALIDATION_ERROR.withExtra("Invalid project ids", "project", project);
        }
        if (fields.getString("task") != null) {
            Entities.writable(store.tasks(), fields.getString("task"), company, "task", ApiError.INVALID_TASK_ID);
        }
        if (fields.getString("name").strip().length() < 3) {
            throw ApiError.DATA_VALIDATION_ERROR.with("name", "String value is too short");
        }
        Document model = ModelFields.newModel(UUID.randomUUID().toString().replace("-", ""), company, call.user(),
                fields, new Date());
        store.models().insertOne(model);
        return Json.object().put("id", model.getString("_id")).put("created", true);
    }

    private Document companyModel(ApiCall call) {
        String id = call.required("model");
        Document model = store.models().find(Filters.and(Filters.eq("_id", id), Filters.eq("company", call.company())))
                .first();
        if (model == null) {
            throw ApiError.INVALID_MODEL_ID.with("company", call.company(), "id", id);
        }
        return model;
    }

    /** {@code _update_model}: {@code safe_update} of the user-settable fields, {@code created} included. */
    private JsonNode update(ApiCall call) {
        Document model = companyModel(call);
        Document fields = ModelFields.prepare(call.data(), ModelFields.UPDATE);
        if (fields.containsKey("uri")) {
            fields.putIfAbsent("ui_cache", new Document());
        }
        raiseTaskIteration(call, call.string("task"));
        if (fields.isEmpty()) {
            return TaskEndpoints.updateAnswer(0, Json.object());
        }
        Date now = new Date();
        fields.append("last_change", now).append("last_changed_by", call.user());
        if (fields.keySet().stream().anyMatch(ModelFields.LAST_UPDATE::contains)) {
            fields.append("last_update", now);
        }
        return TaskEndpoints.updateAnswer(set(model, fields), ModelFields.toApi(fields));
    }

    private JsonNode edit(ApiCall call) {
        Document model = companyModel(call);
        Document fields = ModelFields.prepare(call.data(), ModelFields.EDIT);
        if (fields.containsKey("uri")) {
            fields.putIfAbsent("ui_cache", new Document());
        }
        if (fields.getString("task") != null) {
            Entities.writable(store.tasks(), fields.getString("task"), call.company(), "task",
                    ApiError.INVALID_TASK_ID);
        }
        raiseTaskIteration(call, model.getString("task") != null ? model.getString("task") : fields.getString("task"));
        if (fields.isEmpty()) {
            return Json.object().put("updated", 0);
        }
        Date now = new Date();
        fields.append("last_change", now).append("last_changed_by", call.user());
        if (fields.keySet().stream().anyMatch(ModelFields.LAST_UPDATE::contains)) {
            fields.append("last_update", now);
        }
        return TaskEndpoints.updateAnswer(set(model, fields), ModelFields.toApi(fields));
    }

    /** An {@code iteration} with the model's task raises the task's {@code last_iteration}. */
    private void raiseTaskIteration(ApiCall call, String taskId) {
        Integer iteration = call.integer("iteration");
        if (taskId != null && iteration != null) {
            store.tasks().updateOne(Filters.and(Filters.eq("_id", taskId), Filters.eq("company", call.company()),
                    Filters.lt("last_iteration", iteration)), Updates.set("last_iteration", iteration));
        }
    }

    private long set(Document model, Document fields) {
        List<Bson> sets = new ArrayList<>();
        fields.forEach((field, value) -> sets.add(Updates.set(field, value)));
        return store.models().updateOne(Filters.eq("_id", model.get("_id")), Updates.combine(sets)).getMatchedCount();
    }

    /** {@code publish_model}: refused when already ready (400/203); publishes its task unless told not to. */
    private JsonNode setReady(ApiCall call) {
        Document model = companyModel(call);
        if (model.getBoolean("ready", false)) {
            throw ApiError.MODEL_IS_READY.with("company", call.company(), "model", model.get("_id"));
        }
        ObjectNode answer = Json.object();
        JsonNode publishedTask = Json.NODES.nullNode();
        String taskId = model.getString("task");
        if (taskId != null && call.flag("publish_task", true)) {
            Document task = store.tasks().find(Filters.and(Filters.eq("_id", taskId),
                    Filters.eq("company", call.company()))).first();
            if (task != null && !"published".equals(task.getString("status"))) {
                publishedTask = publishTask(call, task);
            }
        }
        Date now = new Date();
        long updated = store.models().updateOne(Filters.eq("_id", model.get("_id")), Updates.combine(
                Updates.set("ready", true), Updates.set("last_update", now), Updates.set("last_change", now),
                Updates.set("last_changed_by", call.user()))).getMatchedCount();
        answer.put("updated", updated);
        answer.set("published_task", publishedTask);
        return answer;
    }

    private JsonNode publishTask(ApiCall call, Document task) {
        boolean force = call.flag("force_publish_task", false);
        if (!force) {
            TaskStatusChange.validateTransition(task.getString("status"), "published");
        }
        ObjectNode published = new TaskStatusChange(store).execute(task, "published", call, force,
                TaskStatusChange.Extra.setting("published", new Date()));
        ObjectNode answer = Json.object().put("id", task.getString("_id"));
        answer.set("data", published);
        return answer;
    }

    /** {@code delete_model}: refused while tasks use it as input or its published task exists, unless forced. */
    private JsonNode delete(ApiCall call) {
        Document model = companyModel(call);
        String id = model.getString("_id");
        boolean force = call.flag("force", false);
        long users = store.tasks().countDocuments(Filters.eq("models.input.model", id));
        if (users > 0 && !force) {
            throw ApiError.MODEL_IN_USE.withExtra("as execution model, use force=True to delete", "num_tasks", users);
        }
        Date now = new Date();
        if (users > 0) {
            renameLinks(Filters.eq("models.input.model", id), "input", id);
        }
        if (model.getString("task") != null) {
            unlinkFromTask(call, model.getString("task"), id, force, now);
        }
        long deleted = store.models().deleteOne(Filters.eq("_id", id)).getDeletedCount();
        if (deleted > 0) {
            events.deleteFor(call.company(), List.of(id));
        }
        return Json.object().put("deleted", deleted > 0).put("url", model.getString("uri"));
    }

    private void unlinkFromTask(ApiCall call, String taskId, String modelId, boolean force, Date now) {
        Document task = Store.byId(store.tasks(), taskId);
        if (task == null) {
            return;
        }
        if ("published".equals(task.getString("status"))) {
            if (!force) {
                throw ApiError.MODEL_CREATING_TASK_EXISTS.withExtra("and published, use force=True to delete",
                        "task", taskId);
            }
            renameLinks(Filters.eq("_id", taskId), "output", modelId);
            store.tasks().updateOne(Filters.eq("_id", taskId), Updates.combine(
                    Updates.set("output.error", "model deleted on " + Json.isoDate(now)),
                    Updates.set("last_change", now), Updates.set("last_changed_by", call.user())));
            return;
        }
        store.tasks().updateOne(Filters.eq("_id", taskId), Updates.combine(
                Updates.pull("models.output", new Document("model", modelId)), Updates.set("last_change", now),
                Updates.set("last_changed_by", call.user())));
    }

    /** The links to a deleted model keep their place under the id {@code __DELETED__<id>}. */
    private void renameLinks(Bson tasks, String direction, String modelId) {
        for (Document task : store.tasks().find(tasks)) {
            List<Document> links = ((Document) task.get("models")).getList(direction, Document.class);
            links.forEach(link -> {
                if (modelId.equals(link.getString("model"))) {
                    link.put("model", "__DELETED__" + modelId);
                }
            });
            store.tasks().updateOne(Filters.eq("_id", task.get("_id")), Updates.set("models." + direction, links));
        }
    }
}
