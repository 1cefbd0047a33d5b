package clearml.migrate.exporting;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The projects, tasks and models one export writes, and how many tasks of the selected projects it skipped
 * (data model §4.2, with the differences Issue #3 asks for: standalone models and root-level tasks come along).
 *
 * @param projects the selected projects, untrimmed
 * @param tasks the selected tasks
 * @param modelIds the models referenced by the selected tasks, then those living in the selected projects
 * @param modelHomes for each model living in a selected project, that project's id
 * @param skippedForStatus tasks of the selected projects left out because of their status
 * @param skippedArchived tasks of the selected projects left out because they are archived
 */
public record Selection(List<ProjectRef> projects, List<TaskRef> tasks, Set<String> modelIds,
                        Map<String, String> modelHomes, int skippedForStatus, int skippedArchived) {

    public Selection {
        projects = List.copyOf(projects);
        tasks = List.copyOf(tasks);
        modelIds = Collections.unmodifiableSet(new LinkedHashSet<>(modelIds));
        modelHomes = Map.copyOf(modelHomes);
    }

    /**
     * Resolves a request against a source.
     *
     * @throws clearml.migrate.failures.SelectionException when a name matches nothing or more than one entity
     */
    public static Selection resolve(SelectionRequest request, SelectionSource source) {
        return new SelectionResolver(request, source).resolve();
    }

    /** Project ids, for lookups. */
    public Set<String> projectIds() {
        Set<String> ids = new LinkedHashSet<>();
        projects.forEach(project -> ids.add(project.id()));
        return ids;
    }

    /**
     * One selection per root of the exported hierarchy (after trimming, §4.2 step 4), keyed by the root's id, and
     * one keyed {@code ""} for tasks without a project. Each part carries the models its tasks reference and the
     * models living in its projects; a model shared by two parts goes to both.
     */
    public Map<String, Selection> splitByRoot() {
        Map<String, String> rootOf = HierarchyTrim.rootsOf(projects);
        Map<String, Part> parts = new LinkedHashMap<>();
        projects.forEach(project -> part(parts, rootOf.get(project.id())).projects.add(project));
        for (TaskRef task : tasks) {
            String root = task.project() == null ? "" : rootOf.getOrDefault(task.project(), "");
            Part part = part(parts, root);
            part.tasks.add(task);
            part.models.addAll(task.modelIds());
        }
        modelHomes.forEach((model, project) -> part(parts, rootOf.getOrDefault(project, "")).models.add(model));
        Map<String, Selection> selections = new LinkedHashMap<>();
        parts.forEach((root, part) -> selections.put(root, part.toSelection(modelHomes)));
        return selections;
    }

    private static Part part(Map<String, Part> parts, String root) {
        return parts.computeIfAbsent(root, key -> new Part());
    }

    /** The pieces of one split archive, gathered before they become a {@link Selection}. */
    private static final class Part {
        private final List<ProjectRef> projects = new ArrayList<>();
        private final List<TaskRef> tasks = new ArrayList<>();
        private final Set<String> models = new LinkedHashSet<>();

        private Selection toSelection(Map<String, String> homes) {
            Map<String, String> ownHomes = new LinkedHashMap<>(homes);
            ownHomes.keySet().retainAll(models);
            return new Selection(projects, tasks, models, ownHomes, 0, 0);
        }
    }
}
