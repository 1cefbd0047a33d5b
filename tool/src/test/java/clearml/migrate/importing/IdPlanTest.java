package clearml.migrate.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class IdPlanTest {

    private static final String COMPANY = "c0ffee00c0ffee00c0ffee00c0ffee00";

    private final IdPlan newIds = IdPlan.builder(COMPANY).project("p-root").project("p-child")
            .task("t-1").task("t-2").model("m-1").model("m-2").build();

    @Test
    void givesEveryArchivedEntityAFreshThirtyTwoHexId() {
        assertThat(newIds.project("p-root")).matches("[0-9a-f]{32}").isNotEqualTo("p-root");
        assertThat(newIds.task("t-1")).matches("[0-9a-f]{32}").isNotEqualTo(newIds.task("t-2"));
        assertThat(newIds.model("m-1")).matches("[0-9a-f]{32}").isNotEqualTo(newIds.project("p-root"));
    }

    @Test
    void freshIdsAreTheSameOnEveryRunIntoTheSameCompanyAndDifferInAnother() {
        IdPlan again = IdPlan.builder(COMPANY).task("t-1").build();
        IdPlan elsewhere = IdPlan.builder("another").task("t-1").build();
        assertThat(again.task("t-1")).isEqualTo(newIds.task("t-1"));
        assertThat(elsewhere.task("t-1")).isNotEqualTo(newIds.task("t-1"));
    }

    @Test
    void remapsProjectIdParentAndPath() {
        Document child = Document.parse("""
                {"_id": "p-child", "name": "Root/p-root", "parent": "p-root", "path": ["p-outside", "p-root"]}""");
        assertThat(newIds.remapProject(child)).isEqualTo(new Document("_id", newIds.project("p-child"))
                .append("name", "Root/p-root").append("parent", newIds.project("p-root"))
                .append("path", java.util.List.of("p-outside", newIds.project("p-root"))));
    }

    @Test
    void remapsTaskReferencesStructurallyAndLeavesEqualTextAlone() {
        Document task = Document.parse("""
                {"_id": "t-2", "parent": "t-1", "project": "p-child", "comment": "t-1",
                 "hyperparams": {"Args": {"source": {"value": "t-1"}}},
                 "models": {"input": [{"name": "in", "model": "m-1"}, {"name": "ext", "model": "m-outside"}],
                            "output": [{"name": "out", "model": "m-2"}]}}""");
        Document expected = Document.parse("""
                {"_id": "%s", "parent": "%s", "project": "%s", "comment": "t-1",
                 "hyperparams": {"Args": {"source": {"value": "t-1"}}},
                 "models": {"input": [{"name": "in", "model": "%s"}, {"name": "ext", "model": "m-outside"}],
                            "output": [{"name": "out", "model": "%s"}]}}""".formatted(newIds.task("t-2"),
                newIds.task("t-1"), newIds.project("p-child"), newIds.model("m-1"), newIds.model("m-2")));
        assertThat(newIds.remapTask(task)).isEqualTo(expected);
    }

    @Test
    void remapsModelTaskProjectAndParent() {
        Document model = Document.parse("""
                {"_id": "m-2", "task": "t-1", "project": "p-gone", "parent": "m-1", "uri": "m-1"}""");
        assertThat(newIds.remapModel(model)).isEqualTo(new Document("_id", newIds.model("m-2"))
                .append("task", newIds.task("t-1")).append("project", "p-gone")
                .append("parent", newIds.model("m-1")).append("uri", "m-1"));
    }

    @Test
    void remapsTheTaskOfAnEvent() {
        ObjectNode event = new ObjectMapper().createObjectNode().put("task", "t-1").put("metric", "t-1");
        assertThat(newIds.remapEvent(event).toString())
                .isEqualTo("{\"task\":\"" + newIds.task("t-1") + "\",\"metric\":\"t-1\"}");
    }

    @Test
    void keepsIdsWithoutNewIdsButSendsMergedProjectsToTheExistingOne() {
        IdPlan plan = IdPlan.builder(null).project("p-root").project("p-child").task("t-1")
                .mergeProject("p-root", "existing").build();
        assertThat(plan.task("t-1")).isEqualTo("t-1");
        assertThat(plan.project("p-child")).isEqualTo("p-child");
        Document child = plan.remapProject(Document.parse("{\"_id\": \"p-child\", \"parent\": \"p-root\", \"path\": [\"p-root\"]}"));
        assertThat(child).isEqualTo(Document.parse("{\"_id\": \"p-child\", \"parent\": \"existing\", \"path\": [\"existing\"]}"));
        assertThat(plan.remapTask(Document.parse("{\"_id\": \"t-1\", \"project\": \"p-root\"}")).getString("project"))
                .isEqualTo("existing");
    }
}
