package clearml.migrate.exporting;

import static clearml.migrate.exporting.SelectionTest.project;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class HierarchyTrimTest {

    @Test
    void cutsOffAncestorsThatAreNotExportedAsInTheDataModelExample() {
        HierarchyTrim trim = new HierarchyTrim(List.of(
                project("b", "A/B", "c", "a"),
                project("cc", "A/B/C", "c", "a", "b")));

        assertThat(trim.trimmed("b")).isEqualTo(new ProjectRef("b", "B", "c", null, List.of()));
        assertThat(trim.trimmed("cc")).isEqualTo(new ProjectRef("cc", "B/C", "c", "b", List.of("b")));
    }

    @Test
    void leavesACompleteHierarchyAlone() {
        List<ProjectRef> projects = List.of(project("a", "A", "c"), project("b", "A/B", "c", "a"));

        HierarchyTrim trim = new HierarchyTrim(projects);

        assertThat(trim.trimmed("a")).isEqualTo(projects.get(0));
        assertThat(trim.trimmed("b")).isEqualTo(projects.get(1));
    }

    @Test
    void theDeepestOrphanWinsForItsOwnSubTree() {
        HierarchyTrim trim = new HierarchyTrim(List.of(
                project("c", "A/B/C", "x", "a", "b"),
                project("e", "A/B/C/D/E", "x", "a", "b", "c", "d"),
                project("f", "A/B/C/D/E/F", "x", "a", "b", "c", "d", "e")));

        assertThat(trim.trimmed("c").name()).isEqualTo("C");
        assertThat(trim.trimmed("e")).isEqualTo(new ProjectRef("e", "E", "x", null, List.of()));
        assertThat(trim.trimmed("f")).isEqualTo(new ProjectRef("f", "E/F", "x", "e", List.of("e")));
    }

    @Test
    void rewritesOnlyTheCopyAndDropsTheParentOfANewRoot() {
        Document copy = new Document("_id", "b").append("name", "A/B").append("basename", "B")
                .append("parent", "a").append("path", List.of("a"));

        new HierarchyTrim(List.of(project("b", "A/B", "c", "a"))).apply(copy);

        assertThat(copy).isEqualTo(new Document("_id", "b").append("name", "B").append("basename", "B")
                .append("path", List.of()));
    }

    @Test
    void rootsOfGivesEachProjectItsTrimmedRoot() {
        assertThat(HierarchyTrim.rootsOf(List.of(
                project("b", "A/B", "c", "a"),
                project("cc", "A/B/C", "c", "a", "b"),
                project("z", "Z", "c"))))
                .containsEntry("b", "b").containsEntry("cc", "b").containsEntry("z", "z");
    }
}
