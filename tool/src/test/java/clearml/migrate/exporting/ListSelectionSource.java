package clearml.migrate.exporting;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A selection source over plain lists, for the pure selection rules. */
final class ListSelectionSource implements SelectionSource {

    private final List<ProjectRef> projects;
    private final List<TaskRef> tasks;
    private final Map<String, String> modelHomes;

    ListSelectionSource(List<ProjectRef> projects, List<TaskRef> tasks, Map<String, String> modelHomes) {
        this.projects = projects;
        this.tasks = tasks;
        this.modelHomes = modelHomes;
    }

    @Override
    public ProjectTree projects() {
        return new ProjectTree(projects);
    }

    @Override
    public List<TaskRef> tasksInProjects(Collection<String> projectIds) {
        return tasks.stream().filter(task -> task.project() != null && projectIds.contains(task.project())).toList();
    }

    @Override
    public List<TaskRef> tasksWithoutProject(@Nullable String company) {
        return tasks.stream().filter(task -> task.project() == null)
                .filter(task -> company == null || task.company().equals(company)).toList();
    }

    @Override
    public List<TaskRef> tasksByIdOrName(String token, @Nullable String company) {
        List<TaskRef> byId = tasks.stream().filter(task -> task.id().equals(token)).toList();
        return !byId.isEmpty() ? byId : tasks.stream().filter(task -> task.name().equals(token))
                .filter(task -> company == null || task.company().equals(company)).toList();
    }

    @Override
    public Map<String, String> modelsInProjects(Collection<String> projectIds) {
        Map<String, String> homes = new LinkedHashMap<>();
        modelHomes.forEach((model, project) -> {
            if (projectIds.contains(project)) {
                homes.put(model, project);
            }
        });
        return homes;
    }
}
