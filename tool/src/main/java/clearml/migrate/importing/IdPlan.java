package clearml.migrate.importing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Which id each archived project, task and model gets in the target, and the structural rewrite of every reference
 * between them (data model §1.10): project {@code _id}, {@code parent} and {@code path}; task {@code _id},
 * {@code parent}, {@code project} and {@code models.input/output[].model}; model {@code _id}, {@code task},
 * {@code project} and {@code parent}; an event's {@code task}. Unlike ClearML's text replacement (§5.3), only these
 * reference fields change: a hyperparameter that happens to equal an id keeps its value. References to entities
 * the archive does not hold are kept as they are.
 */
public final class IdPlan {

    private final Map<String, String> projects;
    private final Map<String, String> tasks;
    private final Map<String, String> models;

    private IdPlan(Map<String, String> projects, Map<String, String> tasks, Map<String, String> models) {
        this.projects = Map.copyOf(projects);
        this.tasks = Map.copyOf(tasks);
        this.models = Map.copyOf(models);
    }

    /** A plan that keeps every id. */
    public static IdPlan identity() {
        return new IdPlan(Map.of(), Map.of(), Map.of());
    }

    /** Starts a plan; {@code newIdsFor} is the target company when {@code --new-ids} is on, else null. */
    public static Builder builder(@Nullable String newIdsFor) {
        return new Builder(newIdsFor == null ? null : new NewIds(newIdsFor));
    }

    /** The target id of an archived project id (itself when not remapped). */
    public String project(String oldId) {
        return projects.getOrDefault(oldId, oldId);
    }

    /** The target id of an archived task id (itself when not remapped). */
    public String task(String oldId) {
        return tasks.getOrDefault(oldId, oldId);
    }

    /** The target id of an archived model id (itself when not remapped). */
    public String model(String oldId) {
        return models.getOrDefault(oldId, oldId);
    }

    /** Rewrites a project's id, parent and path, in place. */
    public Document remapProject(Document project) {
        remapField(project, "_id", this::project);
        remapField(project, "parent", this::project);
        if (project.get("path") instanceof List<?> path) {
            project.put("path", remapAll(path, this::project));
        }
        return project;
    }

    /** Rewrites a task's id, parent, project and model references, in place. */
    public Document remapTask(Document task) {
        remapField(task, "_id", this::task);
        remapField(task, "parent", this::task);
        remapField(task, "project", this::project);
        if (task.get("models") instanceof Map<?, ?> modelLists) {
            remapModelItems(modelLists.get("input"));
            remapModelItems(modelLists.get("output"));
        }
        return task;
    }

    /** Rewrites a model's id, task, project and parent model, in place. */
    public Document remapModel(Document model) {
        remapField(model, "_id", this::model);
        remapField(model, "task", this::task);
        remapField(model, "project", this::project);
        remapField(model, "parent", this::model);
        return model;
    }

    /** Rewrites an event's {@code task}, in place. */
    public ObjectNode remapEvent(ObjectNode event) {
        if (event.get("task") != null && event.get("task").isTextual()) {
            event.put("task", task(event.get("task").textValue()));
        }
        return event;
    }

    private void remapModelItems(@Nullable Object items) {
        if (items instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Document entry) {
                    remapField(entry, "model", this::model);
                }
            }
        }
    }

    private static void remapField(Document document, String field, UnaryOperator<String> mapping) {
        if (document.get(field) instanceof String id) {
            document.put(field, mapping.apply(id));
        }
    }

    private static List<Object> remapAll(List<?> ids, UnaryOperator<String> mapping) {
        List<Object> mapped = new ArrayList<>(ids.size());
        ids.forEach(id -> mapped.add(id instanceof String text ? mapping.apply(text) : id));
        return mapped;
    }

    /** Collects the archived ids and the merges decided for projects; not thread-safe. */
    public static final class Builder {
        private final @Nullable NewIds newIds;
        private final Map<String, String> projects = new HashMap<>();
        private final Map<String, String> tasks = new HashMap<>();
        private final Map<String, String> models = new HashMap<>();

        private Builder(@Nullable NewIds newIds) {
            this.newIds = newIds;
        }

        /** Registers an archived project id. */
        public Builder project(String oldId) {
            register(projects, oldId);
            return this;
        }

        /** Registers an archived task id. */
        public Builder task(String oldId) {
            register(tasks, oldId);
            return this;
        }

        /** Registers an archived model id. */
        public Builder model(String oldId) {
            register(models, oldId);
            return this;
        }

        /** Sends every reference to the archived project {@code oldId} to the existing target project instead. */
        public Builder mergeProject(String oldId, String existingId) {
            projects.put(oldId, existingId);
            return this;
        }

        /** The target id the builder currently gives an archived project. */
        public String projectTarget(String oldId) {
            return projects.getOrDefault(oldId, oldId);
        }

        public IdPlan build() {
            return new IdPlan(projects, tasks, models);
        }

        private void register(Map<String, String> ids, String oldId) {
            if (newIds != null) {
                ids.putIfAbsent(oldId, newIds.of(oldId));
            }
        }
    }
}
