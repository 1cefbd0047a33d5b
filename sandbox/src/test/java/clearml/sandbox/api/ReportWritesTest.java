package clearml.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exercises the ClearML API stand-in, not ClearML's apiserver: {@code reports.update} as the server's
 * {@code services/reports.py} serves it, the only call that writes a report's text.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class ReportWritesTest {

    private StandInServer server;

    @BeforeEach
    void freshServer(@TargetServer Sandbox target, @TargetServer ApiStandIn api) {
        server = StandInServer.fresh(target, api);
    }

    @Test
    void aDraftReportTakesItsTextAndAssetsAndIsRestamped() {
        String id = report("draft report");
        Date before = new Date();

        ApiClient.Answer answer = call("reports.update", ApiClient.object().put("task", id).put("report", "see "
                + "http://new/a.png").set("report_assets", ApiClient.JSON.createArrayNode().add("http://new/a.png")));

        Document stored = server.stored("task", id);
        assertThat(answer.data().path("updated").asInt()).isEqualTo(1);
        assertThat(stored.getString("report")).isEqualTo("see http://new/a.png");
        assertThat(stored.getList("report_assets", String.class)).containsExactly("http://new/a.png");
        assertThat(stored.getDate("last_update")).isBetween(before, new Date(), true, true);
    }

    @Test
    void aPublishedReportRefusesItsTextButTakesANewComment() {
        String id = report("published report");
        call("tasks.publish", ApiClient.object().put("task", id).put("force", true));

        ApiClient.Answer text = call("reports.update", ApiClient.object().put("task", id).put("report", "late"));
        ApiClient.Answer comment = call("reports.update", ApiClient.object().put("task", id).put("comment", "kept"));

        assertThat(text.status()).isEqualTo(400);
        assertThat(text.subcode()).isEqualTo(110);
        assertThat(comment.data().path("updated").asInt()).isEqualTo(1);
        assertThat(server.stored("task", id).get("report")).isNull();
        assertThat(server.stored("task", id).getString("comment")).isEqualTo("kept");
    }

    @Test
    void aTaskThatIsNoReportIsRefusedAndTasksEditDropsTheReportField() {
        String id = server.task("training task");

        ApiClient.Answer refused = call("reports.update", ApiClient.object().put("task", id).put("report", "text"));
        ApiClient.Answer edited = call("tasks.edit", ApiClient.object().put("task", id).put("report", "text")
                .put("force", true));

        assertThat(refused.subcode()).isEqualTo(150);
        assertThat(edited.data().path("updated").asInt()).isZero();
        assertThat(server.stored("task", id).get("report")).isNull();
    }

    private String report(String name) {
        String id = call("tasks.create", ApiClient.object().put("name", name).put("type", "report")
                .set("system_tags", ApiClient.JSON.valueToTree(List.of("reports", "hidden")))).data().path("id")
                .asText();
        assertThat(id).isNotEmpty();
        return id;
    }

    private ApiClient.Answer call(String endpoint, ObjectNode body) {
        return server.client.call(server.userToken, endpoint, body);
    }
}
