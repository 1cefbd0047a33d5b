package clearml.migrate.proof;

import clearml.migrate.proof.InspectReport.ProjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** The archived projects as a tree, with the tasks and models naming each one. Projects are few: all are kept. */
final class ArchivedProjectTree {

    private record Archived(String id, String name, String parent) {
    }

    private final Map<String, Archived> projects = new LinkedHashMap<>();
    private final Map<String, Long> tasks = new HashMap<>();
    private final Map<String, Long> models = new HashMap<>();

    void add(Document project) {
        String id = EntityStream.id(project);
        projects.put(id, new Archived(id, EntityStream.text(project, "name"), EntityStream.text(project, "parent")));
    }

    boolean has(String projectId) {
        return projects.containsKey(projectId);
    }

    void countTask(String projectId) {
        tasks.merge(projectId, 1L, Long::sum);
    }

    void countModel(String projectId) {
        models.merge(projectId, 1L, Long::sum);
    }

    /** The roots, sorted by name; a project whose parent is not archived becomes a root and a problem. */
    List<ProjectNode> roots(Problems problems) {
        Map<String, List<Archived>> children = new HashMap<>();
        List<Archived> roots = new ArrayList<>();
        for (Archived project : projects.values()) {
            if (project.parent().isEmpty()) {
                roots.add(project);
            } else if (!projects.containsKey(project.parent())) {
                problems.add("project " + project.id() + " \"" + project.name() + "\": parent " + project.parent()
                        + " is not in the archive");
                roots.add(project);
            } else {
                children.computeIfAbsent(project.parent(), p -> new ArrayList<>()).add(project);
            }
        }
        return nodes(roots, children);
    }

    private List<ProjectNode> nodes(List<Archived> level, Map<String, List<Archived>> children) {
        return level.stream().sorted(Comparator.comparing(Archived::name)).map(p -> new ProjectNode(p.id(), p.name(),
                tasks.getOrDefault(p.id(), 0L), models.getOrDefault(p.id(), 0L),
                nodes(children.getOrDefault(p.id(), List.of()), children))).toList();
    }
}
