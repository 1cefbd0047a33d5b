package clearml.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * {@code projects.get_by_id}, {@code get_all}, {@code get_all_ex}, {@code create}, {@code update} and
 * {@code delete} ({@code services/projects.py}, {@code bll/project}): a path name ({@code A/B/C}) creates the
 * missing parents, each with {@code parent}, {@code path} and {@code basename} (data model §1.3); ids, owners and
 * dates are the server's.
 */
final class ProjectEndpoints {

    /** {@code create_fields} of projects. */
    private static final Set<String> FIELDS = Set.of("name", "description", "tags", "system_tags",
            "default_output_destination");

    private final Store store;
    private final Listing listing;
    private final EventStore events;

    ProjectEndpoints(Store store, Listing listing, EventStore events) {
        this.store = store;
        this.listing = listing;
        this.events = events;
    }

    void register(EndpointTable table) {
        table.add("projects.get_by_id", this::getById);
        table.add("projects.get_all", call -> getAll(call, true, false));
        table.add("projects.get_all_ex", call -> getAll(call, call.flag("allow_public", true), true));
        table.add("projects.create", this::create);
        table.add("projects.update", this::update);
        table.add("projects.delete", this::delete);
    }

    private JsonNode getById(ApiCall call) {
        String id = call.required("project");
        Document project = store.projects().find(Filters.and(Filters.eq("_id", id),
                Listing.scope(call.company(), true))).first();
        if (project == null) {
            throw ApiError.INVALID_PROJECT_ID.with("id", id);
        }
        ObjectNode answer = Json.object();
        answer.set("project", ApiDocuments.toApi(project));
        return answer;
    }

    /** {@code _adjust_search_parameters}: {@code parent} matches any ancestor unless {@code shallow_search}. */
    private JsonNode getAll(ApiCall call, boolean allowPublic, boolean markHidden) {
        ObjectNode data = call.data().deepCopy();
        data.remove("path");
        if (!data.path("shallow_search").asBoolean(false)) {
            if (data.has("parent")) {
                data.set("path", data.remove("parent"));
            }
        } else if (!data.has("parent")) {
            data.putArray("parent").addNull();
        }
        Listing.Page page = listing.list(store.projects(), data, Listing.scope(call.company(), allowPublic),
                ListOptions.PROJECTS);
        boolean searchHidden = data.path("search_hidden").asBoolean(false);
        return page.answer("projects", project -> {
            ObjectNode api = ApiDocuments.toApi(project);
            if (markHidden && searchHidden && project.getList("system_tags", String.class, List.of()).contains("hidden")) {
                api.put("hidden", true);
            }
            return api;
        });
    }

    private JsonNode create(ApiCall call) {
        if (!call.has("name")) {
            throw ApiError.MISSING_REQUIRED_FIELDS.with("missing", List.of("name"));
        }
        Document fields = fields(call.data());
        String name = cleanName(fields.getString("name"));
        if (existing(call.company(), name) != null) {
            throw ApiError.EXPECTED_UNIQUE_DATA.replacing("Project with the same name already exists", "name", name,
                    "company", call.company());
        }
        Date now = new Date();
        Document parent = ensure(call.identity(), location(name), now);
        Document project = newProject(call.identity(), name, fields, now);
        save(project, parent, now);
        return Json.object().put("id", project.getString("_id"));
    }

    private static Document fields(ObjectNode data) {
        Document fields = new Document();
        FIELDS.forEach(field -> {
            if (data.hasNonNull(field)) {
                fields.put(field, Json.toBson(data.get(field)));
            }
        });
        Tags.validate(fields);
        Tags.sort(fields);
        return fields;
    }

    /** {@code _validate_project_name}: redundant {@code /} removed, segments stripped; an empty name is refused. */
    static String cleanName(@Nullable String name) {
        List<String> parts = name == null ? List.of() : Arrays.stream(name.split("/")).filter(p -> !p.isEmpty())
                .map(String::strip).toList();
        if (parts.isEmpty()) {
            throw ApiError.INVALID_PROJECT_NAME.with("name", name);
        }
        return String.join("/", parts);
    }

    private static String location(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    private @Nullable Document existing(String company, String name) {
        return store.projects().find(Filters.and(Filters.eq("company", company), Filters.eq("name", name))).first();
    }

    /** {@code _ensure_project}: the project at {@code name}, created with its missing ancestors. */
    private @Nullable Document ensure(Identity identity, String name, Date now) {
        if (name.isEmpty()) {
            return null;
        }
        Document found = existing(identity.company(), name);
        if (found != null) {
            return found;
        }
        Document parent = ensure(identity, location(name), now);
        Document project = newProject(identity, name, new Document("description", ""), now);
        save(project, parent, now);
        return project;
    }

    private static Document newProject(Identity identity, String name, Document fields, Date now) {
        if (name.strip().length() < 3) {
            throw ApiError.DATA_VALIDATION_ERROR.with("name", "String value is too short");
        }
        Document project = new Document("_id", UUID.randomUUID().toString().replace("-", ""))
                .append("company", identity.company()).append("user", identity.user()).append("name", name)
                .append("basename", name.substring(name.lastIndexOf('/') + 1))
                .append("description", fields.getOrDefault("description", "")).append("created", now)
                .append("tags", fields.getOrDefault("tags", new ArrayList<>()))
                .append("system_tags", fields.getOrDefault("system_tags", new ArrayList<>()));
        if (fields.get("default_output_destination") != null) {
            project.append("default_output_destination", fields.get("default_output_destination"));
        }
        return project.append("last_update", now).append("featured", 9999);
    }

    /** {@code _save_under_parent}: {@code parent} and {@code path} follow the parent; the parent is touched. */
    private void save(Document project, @Nullable Document parent, Date now) {
        List<String> path = new ArrayList<>();
        if (parent != null) {
            path.addAll(parent.getList("path", String.class, List.of()));
            path.add(parent.getString("_id"));
            project.append("parent", parent.getString("_id"));
            store.projects().updateOne(Filters.eq("_id", parent.get("_id")), Updates.set("last_update", now));
        }
        project.append("path", path);
        store.projects().insertOne(project);
    }

    /** {@code ProjectBLL.update}: a rename stays at its location and renames the descendants. */
    private JsonNode update(ApiCall call) {
        Document project = Entities.writable(store.projects(), call.required("project"), call.company(), "project",
                ApiError.INVALID_PROJECT_ID);
        Document fields = new Document();
        FIELDS.forEach(field -> {
            if (call.has(field)) {
                fields.put(field, Json.toBson(call.data().get(field)));
            }
        });
        Tags.validate(fields);
        Tags.sort(fields);
        Document changes = new Document(fields);
        String oldName = project.getString("name");
        if (changes.remove("name") instanceof String requested && !requested.isEmpty()) {
            String name = cleanName(requested);
            if (!location(name).equals(location(cleanName(oldName)))) {
                throw ApiError.CANNOT_UPDATE_PROJECT_LOCATION.with("name", name);
            }
            changes.append("name", name).append("basename", name.substring(name.lastIndexOf('/') + 1));
        }
        Date now = new Date();
        changes.append("last_update", now);
        List<Bson> sets = new ArrayList<>();
        changes.forEach((field, value) -> sets.add(Updates.set(field, value)));
        long updated = store.projects().updateOne(Filters.eq("_id", project.get("_id")), Updates.combine(sets))
                .getMatchedCount();
        if (changes.get("name") instanceof String newName && !newName.equals(oldName)) {
            renameDescendants(project.getString("_id"), oldName, newName, now);
        }
        return TaskEndpoints.updateAnswer(updated, (ObjectNode) Json.toJson(fields));
    }

    private void renameDescendants(String id, String oldName, String newName, Date now) {
        for (Document child : store.projects().find(Filters.eq("path", id))) {
            String suffix = child.getString("name").substring(oldName.length());
            store.projects().updateOne(Filters.eq("_id", child.get("_id")), Updates.combine(
                    Updates.set("name", newName + suffix), Updates.set("last_update", now)));
        }
    }

    /** {@code delete_project}: refused while it holds unarchived tasks or models unless forced. */
    private JsonNode delete(ApiCall call) {
        String id = call.required("project");
        Entities.writable(store.projects(), id, call.company(), "project", ApiError.INVALID_PROJECT_ID);
        List<String> ids = new ArrayList<>(List.of(id));
        store.projects().find(Filters.eq("path", id)).forEach(child -> ids.add(child.getString("_id")));
        if (!call.flag("force", false)) {
            refuseIfHolding(store.tasks(), ids, id, ApiError.PROJECT_HAS_TASKS);
            refuseIfHolding(store.models(), ids, id, ApiError.PROJECT_HAS_MODELS);
        }
        ObjectNode answer = Json.object();
        if (call.flag("delete_contents", false)) {
            answer.put("deleted_models", deleteContents(store.models(), call.company(), ids));
            answer.put("deleted_tasks", deleteContents(store.tasks(), call.company(), ids));
            answer.put("disassociated_tasks", 0);
        } else {
            store.models().updateMany(Filters.in("project", ids), Updates.unset("project"));
            answer.put("disassociated_tasks", store.tasks().updateMany(Filters.in("project", ids),
                    Updates.unset("project")).getModifiedCount());
            answer.put("deleted_models", 0).put("deleted_tasks", 0);
        }
        answer.put("deleted", store.projects().deleteMany(Filters.in("_id", ids)).getDeletedCount());
        return answer.putNull("urls");
    }

    private static void refuseIfHolding(com.mongodb.client.MongoCollection<Document> collection, List<String> ids,
                                        String id, ApiError error) {
        if (collection.countDocuments(Filters.and(Filters.in("project", ids), Filters.ne("system_tags", "archived")))
                > 0) {
            throw error.withExtra("use force=true", "id", id);
        }
    }

    private long deleteContents(com.mongodb.client.MongoCollection<Document> collection, String company,
                                List<String> projects) {
        List<String> ids = new ArrayList<>();
        collection.find(Filters.in("project", projects)).forEach(entity -> ids.add(entity.getString("_id")));
        if (ids.isEmpty()) {
            return 0;
        }
        events.deleteFor(company, ids);
        return collection.deleteMany(Filters.in("_id", ids)).getDeletedCount();
    }
}
