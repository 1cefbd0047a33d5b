package clearml.migrate.exporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.failures.SelectionException;
import clearml.migrate.failures.UsageException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class SelectionTest {

    // Company c1: Vision (v) > Vision/Detection (vd) > Vision/Detection/.datasets (vdd); Audio (a).
    // Company c2: another "Vision" (v2). Public: Examples (e).
    private static final List<ProjectRef> PROJECTS = List.of(
            project("v", "Vision", "c1"),
            project("vd", "Vision/Detection", "c1", "v"),
            project("vdd", "Vision/Detection/.datasets", "c1", "v", "vd"),
            project("a", "Audio", "c1"),
            project("v2", "Vision", "c2"),
            project("e", "Examples", ""));

    private static final List<TaskRef> TASKS = List.of(
            task("t1", "train", "c1", "v", "published", false, "m1"),
            task("t2", "eval", "c1", "vd", "completed", false),
            task("t3", "old", "c1", "vd", "published", true),
            task("t4", "dataset v1", "c1", "vdd", "published", false, "m2"),
            task("t5", "speech", "c1", "a", "failed", false),
            task("t6", "loose", "c1", null, "published", false),
            task("t7", "loose2", "c2", null, "published", false),
            task("t8", "train", "c2", "v2", "published", false),
            task("t9", "running", "c1", "a", "in_progress", false));

    private static final Map<String, String> MODEL_HOMES = Map.of("m3", "vd", "m4", "a");

    @Test
    void projectByNameBringsItsWholeSubTreeIncludingHiddenDatasets() {
        Selection selection = select(request(List.of("Vision/Detection"), List.of(), false, null, List.of()));

        assertThat(ids(selection.projects())).containsExactly("vd", "vdd");
        assertThat(taskIds(selection)).containsExactly("t4");
        assertThat(selection.skippedForStatus()).isEqualTo(1);
        assertThat(selection.skippedArchived()).isEqualTo(1);
        assertThat(selection.modelIds()).containsExactly("m2", "m3");
    }

    @Test
    void projectById() {
        Selection selection = select(request(List.of("a"), List.of(), false, null, List.of("failed")));

        assertThat(ids(selection.projects())).containsExactly("a");
        assertThat(taskIds(selection)).containsExactly("t5");
        assertThat(selection.modelIds()).containsExactly("m4");
    }

    @Test
    void ambiguousNameListsCandidatesWithTheirCompanies() {
        assertThatThrownBy(() -> select(request(List.of("Vision"), List.of(), false, null, List.of())))
                .isInstanceOf(SelectionException.class)
                .hasMessageContaining("matches 2 projects")
                .hasMessageContaining("v in company c1")
                .hasMessageContaining("v2 in company c2");
    }

    @Test
    void companyResolvesAnAmbiguousName() {
        Selection selection = select(request(List.of("Vision"), List.of(), false, "c2", List.of()));

        assertThat(taskIds(selection)).containsExactly("t8");
    }

    @Test
    void unknownProjectIsASelectionError() {
        assertThatThrownBy(() -> select(request(List.of("Nope"), List.of(), false, null, List.of())))
                .isInstanceOf(SelectionException.class)
                .hasMessageContaining("'Nope'");
    }

    @Test
    void allTakesEveryRootOfEveryCompanyAndTasksWithoutProject() {
        Selection selection = select(request(List.of(), List.of(), true, null, List.of()));

        assertThat(ids(selection.projects())).containsExactlyInAnyOrder("v", "vd", "vdd", "a", "v2", "e");
        assertThat(taskIds(selection)).containsExactlyInAnyOrder("t1", "t4", "t6", "t7", "t8");
    }

    @Test
    void allWithCompanyStaysInThatCompany() {
        Selection selection = select(request(List.of(), List.of(), true, "c2", List.of()));

        assertThat(ids(selection.projects())).containsExactly("v2");
        assertThat(taskIds(selection)).containsExactlyInAnyOrder("t7", "t8");
    }

    @Test
    void experimentsComeWhateverTheirStatusOrArchivedStateWithOnlyTheirOwnProject() {
        Selection selection = select(request(List.of(), List.of("t3", "eval"), false, null, List.of()));

        assertThat(taskIds(selection)).containsExactly("t3", "t2");
        assertThat(ids(selection.projects())).containsExactly("vd");
        assertThat(selection.modelIds()).as("a project that only hosts named tasks brings no models").isEmpty();
    }

    @Test
    void experimentsAndProjectsAreUnited() {
        Selection selection = select(request(List.of("Audio"), List.of("t2"), false, null, List.of("failed")));

        assertThat(taskIds(selection)).containsExactlyInAnyOrder("t5", "t2");
        assertThat(ids(selection.projects())).containsExactly("a", "vd");
    }

    @Test
    void ambiguousExperimentNameListsCandidates() {
        assertThatThrownBy(() -> select(request(List.of(), List.of("train"), false, null, List.of())))
                .isInstanceOf(SelectionException.class)
                .hasMessageContaining("t1 in company c1")
                .hasMessageContaining("t8 in company c2");
    }

    @Test
    void refusesARunningExperiment() {
        assertThatThrownBy(() -> select(request(List.of(), List.of("t9"), false, null, List.of())))
                .isInstanceOf(SelectionException.class)
                .hasMessageContaining("in_progress")
                .hasMessageContaining("stop or dequeue");
    }

    @Test
    void includeArchivedBringsArchivedTasks() {
        SelectionRequest request = new SelectionRequest(List.of("vd"), List.of(), false, null,
                StatusFilter.parse(List.of(), true));

        assertThat(taskIds(select(request))).containsExactlyInAnyOrder("t3", "t4");
    }

    @Test
    void refusesAllTogetherWithProjects() {
        assertThatThrownBy(() -> request(List.of("v"), List.of(), true, null, List.of()))
                .isInstanceOf(UsageException.class);
    }

    @Test
    void splitsByTrimmedRootWithRootLevelTasksApart() {
        Selection selection = select(request(List.of(), List.of(), true, "c1", List.of("published", "failed")));

        Map<String, Selection> parts = selection.splitByRoot();

        assertThat(parts.keySet()).containsExactlyInAnyOrder("v", "a", "");
        assertThat(taskIds(parts.get("v"))).containsExactlyInAnyOrder("t1", "t4");
        assertThat(parts.get("v").modelIds()).containsExactlyInAnyOrder("m1", "m2", "m3");
        assertThat(taskIds(parts.get("a"))).containsExactly("t5");
        assertThat(parts.get("a").modelIds()).containsExactly("m4");
        assertThat(taskIds(parts.get(""))).containsExactly("t6");
    }

    private static Selection select(SelectionRequest request) {
        return Selection.resolve(request, new ListSelectionSource(PROJECTS, TASKS, MODEL_HOMES));
    }

    private static SelectionRequest request(List<String> projects, List<String> experiments, boolean all,
                                            @Nullable String company, List<String> statuses) {
        return new SelectionRequest(projects, experiments, all, company, StatusFilter.parse(statuses, false));
    }

    static ProjectRef project(String id, String name, String company, String... path) {
        return new ProjectRef(id, name, company, path.length == 0 ? null : path[path.length - 1], List.of(path));
    }

    private static TaskRef task(String id, String name, String company, @Nullable String project, String status,
                                boolean archived, String... models) {
        return new TaskRef(id, name, company, "", project, status, archived ? Set.of("archived") : Set.of(),
                List.of(models));
    }

    private static List<String> ids(List<ProjectRef> projects) {
        return projects.stream().map(ProjectRef::id).toList();
    }

    private static List<String> taskIds(Selection selection) {
        return selection.tasks().stream().map(TaskRef::id).collect(Collectors.toList());
    }
}
