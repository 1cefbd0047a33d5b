package clearml.migrate.exporting;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The few fields of a ClearML task that selection reasons about (data model §1.4).
 *
 * @param id the task id
 * @param name the task name
 * @param company the owning company, {@code ""} when public
 * @param companyOrigin the company a public task came from, or {@code ""}
 * @param project the project id, or null for a task at the root
 * @param status the task status, e.g. {@code published}
 * @param systemTags the system tags; {@code archived} marks an archived task
 * @param modelIds the ids of the task's input and output models, in that order
 */
public record TaskRef(String id, String name, String company, String companyOrigin, @Nullable String project,
                      String status, Set<String> systemTags, List<String> modelIds) {

    /** The fields a selection query needs to fetch. */
    public static final List<String> FIELDS =
            List.of("_id", "name", "company", "company_origin", "project", "status", "system_tags", "models",
                    "execution.model", "output.model");

    public TaskRef {
        systemTags = Set.copyOf(systemTags);
        modelIds = List.copyOf(modelIds);
    }

    /** Reads the view from a task document; missing fields read as empty. */
    public static TaskRef of(Document task) {
        return new TaskRef(task.getString("_id"), text(task, "name"), text(task, "company"),
                text(task, "company_origin"), task.getString("project"), text(task, "status"),
                Set.copyOf(task.getList("system_tags", String.class, List.of())), modelIds(task));
    }

    public boolean archived() {
        return systemTags.contains("archived");
    }

    /** The company whose event indices hold this task's events: a public task's events stay with its origin (§1.2). */
    public String indexCompany() {
        return company.isEmpty() ? companyOrigin : company;
    }

    private static List<String> modelIds(Document task) {
        Document models = task.get("models", Document.class);
        List<String> ids = new ArrayList<>();
        if (models != null) {
            addModelIds(models, "input", ids);
            addModelIds(models, "output", ids);
        }
        // Pre-1.0 tasks name their models in execution.model and output.model (data model §1.4, §5.4).
        addLegacyModelId(task, "execution", ids);
        addLegacyModelId(task, "output", ids);
        return ids;
    }

    private static void addModelIds(Document models, String direction, List<String> ids) {
        for (Document item : models.getList(direction, Document.class, List.of())) {
            String id = item.getString("model");
            if (id != null && !id.isEmpty()) {
                ids.add(id);
            }
        }
    }

    private static void addLegacyModelId(Document task, String field, List<String> ids) {
        Document holder = task.get(field, Document.class);
        Object id = holder == null ? null : holder.get("model");
        if (id instanceof String modelId && !modelId.isEmpty() && !ids.contains(modelId)) {
            ids.add(modelId);
        }
    }

    private static String text(Document document, String key) {
        String value = document.getString(key);
        return value == null ? "" : value;
    }
}
