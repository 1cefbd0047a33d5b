package clearml.migrate.exporting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Every project of a server, by id and by full name, with the sub-tree of each (data model §1.3). Projects are few
 * (thousands at most), so the tree is held in memory; tasks and events never are.
 */
public final class ProjectTree {

    private final Map<String, ProjectRef> byId = new LinkedHashMap<>();

    public ProjectTree(Collection<ProjectRef> projects) {
        projects.forEach(project -> byId.put(project.id(), project));
    }

    public Optional<ProjectRef> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The projects whose full name is exactly {@code name}, in any company, or only in {@code company} when given. */
    public List<ProjectRef> named(String name, @Nullable String company) {
        return byId.values().stream()
                .filter(project -> project.name().equals(name))
                .filter(project -> company == null || project.company().equals(company))
                .toList();
    }

    /** The project and all its descendants: those whose {@code path} holds its id (§1.3 invariants). */
    public Set<String> subtree(String id) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(id);
        byId.values().stream().filter(project -> project.path().contains(id)).forEach(project -> ids.add(project.id()));
        return ids;
    }

    /** The root projects of one company, or of every company (public ones included) when {@code company} is null. */
    public List<ProjectRef> roots(@Nullable String company) {
        List<ProjectRef> roots = new ArrayList<>();
        for (ProjectRef project : byId.values()) {
            if (project.isRoot() && (company == null || project.company().equals(company))) {
                roots.add(project);
            }
        }
        return roots;
    }
}
