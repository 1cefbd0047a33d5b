package clearml.migrate.exporting;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;

/**
 * Makes the exported projects a complete hierarchy by cutting off the ancestors that are not exported, as ClearML's
 * {@code _check_projects_hierarchy} does (data model §4.2 step 4): exporting {@code A/B} and {@code A/B/C} without
 * {@code A} gives the root {@code B} and {@code B/C} with path {@code [b]}. Only the exported copies change.
 */
public final class HierarchyTrim {

    private final Map<String, ProjectRef> trimmed = new LinkedHashMap<>();

    public HierarchyTrim(Collection<ProjectRef> selected) {
        List<Cut> cuts = cuts(selected);
        selected.forEach(project -> trimmed.put(project.id(), trim(project, cuts)));
    }

    /** For each project, the id of the root it ends up under once trimmed (itself when it becomes a root). */
    public static Map<String, String> rootsOf(Collection<ProjectRef> selected) {
        HierarchyTrim trim = new HierarchyTrim(selected);
        return trim.trimmed.values().stream().collect(Collectors.toMap(ProjectRef::id,
                project -> project.path().isEmpty() ? project.id() : project.path().get(0), (a, b) -> a,
                LinkedHashMap::new));
    }

    /** The trimmed view of a selected project. */
    public ProjectRef trimmed(String id) {
        ProjectRef project = trimmed.get(id);
        if (project == null) {
            throw new IllegalArgumentException("project " + id + " is not part of the trimmed selection");
        }
        return project;
    }

    /** Writes the trimmed {@code name}, {@code path} and {@code parent} into an exported copy of a project. */
    public Document apply(Document copy) {
        ProjectRef project = trimmed(copy.getString("_id"));
        if (!project.name().equals(copy.getString("name"))) {
            copy.put("name", project.name());
        }
        if (copy.containsKey("path") || !project.path().isEmpty()) {
            copy.put("path", project.path());
        }
        if (project.parent() == null) {
            // ClearML sets parent to None, which its to_json() leaves out (§3.5).
            copy.remove("parent");
        }
        return copy;
    }

    private static ProjectRef trim(ProjectRef project, List<Cut> cuts) {
        for (Cut cut : cuts) {
            if (cut.covers(project)) {
                List<String> path = project.path().subList(cut.path().size(), project.path().size());
                String name = project.name().startsWith(cut.namePrefix())
                        ? project.name().substring(cut.namePrefix().length()) : project.name();
                return new ProjectRef(project.id(), name, project.company(),
                        path.isEmpty() ? null : project.parent(), path);
            }
        }
        return project;
    }

    /** One cut per orphan (a project whose parent is not exported), longest path first, as ClearML sorts them. */
    private static List<Cut> cuts(Collection<ProjectRef> selected) {
        Set<String> ids = selected.stream().map(ProjectRef::id).collect(Collectors.toSet());
        return selected.stream()
                .filter(project -> !project.isRoot() && !ids.contains(project.parent()))
                .map(Cut::of)
                .sorted(Comparator.comparingInt((Cut cut) -> cut.path().size()).reversed())
                .toList();
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    /** What to cut from the projects under one orphan: its ancestors' ids and its name up to the last {@code /}. */
    private record Cut(String orphan, List<String> path, String namePrefix) {
        static Cut of(ProjectRef orphan) {
            int slash = orphan.name().lastIndexOf('/');
            return new Cut(orphan.id(), orphan.path(), slash < 0 ? "" : orphan.name().substring(0, slash + 1));
        }

        /** An orphan without a path (inconsistent data) covers only itself, not every project. */
        boolean covers(ProjectRef project) {
            return path.isEmpty() ? project.id().equals(orphan) : startsWith(project.path(), path);
        }
    }
}
