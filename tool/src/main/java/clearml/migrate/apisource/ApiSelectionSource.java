package clearml.migrate.apisource;

import clearml.migrate.exporting.ProjectRef;
import clearml.migrate.exporting.ProjectTree;
import clearml.migrate.exporting.SelectionSource;
import clearml.migrate.exporting.TaskRef;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Looks selections up through {@code projects.get_all_ex}, {@code tasks.get_all_ex} and {@code models.get_all_ex},
 * asking only for the fields the rules need. The server shows the caller's company and public entities only.
 */
final class ApiSelectionSource implements SelectionSource {

    private static final List<String> PROJECT_FIELDS = List.of("id", "name", "company", "parent", "path");
    private static final List<String> TASK_FIELDS =
            TaskRef.FIELDS.stream().map(field -> field.equals("_id") ? "id" : field).toList();

    private final ApiLists lists;

    ApiSelectionSource(ApiLists lists) {
        this.lists = lists;
    }

    @Override
    public ProjectTree projects() {
        List<ProjectRef> all = new ArrayList<>();
        lists.each("projects.get_all_ex", ApiLists.onlyFields(PROJECT_FIELDS),
                project -> all.add(ProjectRef.of(StoredForm.plain(project))));
        return new ProjectTree(all);
    }

    @Override
    public List<TaskRef> tasksInProjects(Collection<String> projectIds) {
        List<TaskRef> found = new ArrayList<>();
        lists.eachIn("tasks.get_all_ex", ApiLists.onlyFields(TASK_FIELDS), "project", projectIds,
                task -> found.add(TaskRef.of(StoredForm.plain(task))));
        return found;
    }

    /** {@code project: [null, ""]}: a null matches a missing or null project, {@code ""} the empty one (§1.4). */
    @Override
    public List<TaskRef> tasksWithoutProject(@Nullable String company) {
        ObjectNode query = ApiLists.onlyFields(TASK_FIELDS);
        query.putArray("project").addNull().add("");
        return tasks(query).stream().filter(task -> company == null || task.company().equals(company)).toList();
    }

    /** By id; else by name, as an anchored pattern, then compared exactly (the server may match without case). */
    @Override
    public List<TaskRef> tasksByIdOrName(String token, @Nullable String company) {
        ObjectNode byId = ApiLists.onlyFields(TASK_FIELDS);
        byId.putArray("id").add(token);
        List<TaskRef> found = tasks(byId);
        if (!found.isEmpty()) {
            return found;
        }
        ObjectNode byName = ApiLists.onlyFields(TASK_FIELDS).put("name", "^" + quoted(token) + "$");
        return tasks(byName).stream().filter(task -> task.name().equals(token))
                .filter(task -> company == null || task.company().equals(company)).toList();
    }

    @Override
    public Map<String, String> modelsInProjects(Collection<String> projectIds) {
        Map<String, String> homes = new LinkedHashMap<>();
        lists.eachIn("models.get_all_ex", ApiLists.onlyFields(List.of("id", "project")), "project", projectIds,
                model -> homes.put(model.path("id").asText(), model.path("project").asText()));
        return homes;
    }

    private List<TaskRef> tasks(ObjectNode query) {
        return lists.all("tasks.get_all_ex", query).stream().map(task -> TaskRef.of(StoredForm.plain(task))).toList();
    }

    /** Every character but letters and digits escaped, as Python's {@code re.escape} does: a literal pattern. */
    static String quoted(String text) {
        StringBuilder pattern = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (!Character.isLetterOrDigit(c) && c != '_') {
                pattern.append('\\');
            }
            pattern.appendCodePoint(c);
        });
        return pattern.toString();
    }
}
