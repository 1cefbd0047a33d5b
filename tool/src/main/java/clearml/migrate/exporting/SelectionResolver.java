package clearml.migrate.exporting;

import clearml.migrate.failures.SelectionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns a {@link SelectionRequest} into a {@link Selection}, one rule of data model §4.2 per method. */
final class SelectionResolver {

    private final SelectionRequest request;
    private final SelectionSource source;
    private final ProjectTree tree;

    SelectionResolver(SelectionRequest request, SelectionSource source) {
        this.request = request;
        this.source = source;
        this.tree = source.projects();
    }

    Selection resolve() {
        Set<String> wholeProjects = wholeProjects();
        Map<String, TaskRef> named = namedTasks();
        Map<String, TaskRef> tasks = new LinkedHashMap<>();
        int[] skipped = new int[StatusFilter.Verdict.values().length];
        for (TaskRef task : candidateTasks(wholeProjects)) {
            StatusFilter.Verdict verdict = named.containsKey(task.id()) ? StatusFilter.Verdict.EXPORTED
                    : request.filter().judge(task);
            skipped[verdict.ordinal()]++;
            if (verdict == StatusFilter.Verdict.EXPORTED) {
                tasks.put(task.id(), task);
            }
        }
        tasks.putAll(named);
        Map<String, String> homes = source.modelsInProjects(wholeProjects);
        return new Selection(projects(wholeProjects, named.values()), List.copyOf(tasks.values()),
                modelIds(tasks.values(), homes), homes,
                skipped[StatusFilter.Verdict.SKIPPED_STATUS.ordinal()],
                skipped[StatusFilter.Verdict.SKIPPED_ARCHIVED.ordinal()]);
    }

    /** Projects exported with all their content: the named ones or every root, each with its sub-tree (§4.2 step 2). */
    private Set<String> wholeProjects() {
        Set<String> ids = new LinkedHashSet<>();
        if (request.all()) {
            tree.roots(request.company()).forEach(root -> ids.addAll(tree.subtree(root.id())));
        }
        request.projects().forEach(token -> ids.addAll(tree.subtree(project(token).id())));
        return ids;
    }

    private ProjectRef project(String token) {
        return tree.find(token).orElseGet(() -> single("project", token, tree.named(token, request.company()),
                project -> project.id() + " in company " + company(project.company())));
    }

    /** Tasks named with {@code --experiments}: exported whatever their status or tags, as ClearML does (§4.2 step 3). */
    private Map<String, TaskRef> namedTasks() {
        Map<String, TaskRef> tasks = new LinkedHashMap<>();
        for (String token : request.experiments()) {
            TaskRef task = single("experiment", token, source.tasksByIdOrName(token, request.company()),
                    candidate -> candidate.id() + " in company " + company(candidate.company()));
            refuseActive(task);
            tasks.put(task.id(), task);
        }
        return tasks;
    }

    private List<TaskRef> candidateTasks(Set<String> wholeProjects) {
        List<TaskRef> tasks = new ArrayList<>(source.tasksInProjects(wholeProjects));
        if (request.all()) {
            tasks.addAll(source.tasksWithoutProject(request.company()));
        }
        return tasks;
    }

    /** The whole projects, then the projects of named tasks: only those, not their parents (§4.2 step 3). */
    private List<ProjectRef> projects(Set<String> wholeProjects, Iterable<TaskRef> named) {
        Set<String> ids = new LinkedHashSet<>(wholeProjects);
        named.forEach(task -> {
            if (task.project() != null && !task.project().isEmpty()) {
                ids.add(task.project());
            }
        });
        return ids.stream().flatMap(id -> tree.find(id).stream()).toList();
    }

    /**
     * Models referenced by exported tasks (from any project or company, §4.2 step 5), then the models living in the
     * whole projects: unlike ClearML we keep standalone models (Issue #3). Projects that come along only as the home
     * of a named task do not bring their models.
     */
    private static Set<String> modelIds(Iterable<TaskRef> tasks, Map<String, String> homes) {
        Set<String> ids = new LinkedHashSet<>();
        tasks.forEach(task -> ids.addAll(task.modelIds()));
        ids.addAll(homes.keySet());
        return ids;
    }

    private static void refuseActive(TaskRef task) {
        if (StatusFilter.ACTIVE.contains(task.status())) {
            throw new SelectionException("experiment " + task.id() + " (" + task.name() + ") is " + task.status()
                    + "; stop or dequeue it first, then export it");
        }
    }

    private static <T> T single(String kind, String token, List<T> candidates,
                                Function<T, String> describe) {
        if (candidates.isEmpty()) {
            throw new SelectionException("no " + kind + " has the id or name '" + token
                    + "'; check the spelling (names are full paths such as A/B) or pass the id");
        }
        if (candidates.size() > 1) {
            throw new SelectionException(kind + " name '" + token + "' matches " + candidates.size() + " "
                    + kind + "s: " + candidates.stream().map(describe).collect(Collectors.joining(", "))
                    + "; pass the id, or --company to choose one");
        }
        return candidates.get(0);
    }

    private static String company(String company) {
        return company.isEmpty() ? "\"\" (public)" : company;
    }
}
