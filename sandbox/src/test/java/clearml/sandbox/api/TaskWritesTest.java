package clearml.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.sandbox.Hashes;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.Date;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exercises the ClearML API stand-in, not ClearML's apiserver: the task writes a client meets on the real server
 * (clearml-rest-api.md): ids, owners, companies and dates are the server's, some fields are silently dropped.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class TaskWritesTest {

    private StandInServer server;

    @BeforeEach
    void freshServer(@TargetServer Sandbox target, @TargetServer ApiStandIn api) {
        server = StandInServer.fresh(target, api);
    }

    @Test
    void createIgnoresTheIdTheOwnerAndEveryServerOwnedField() {
        ObjectNode body = ApiClient.object().put("id", "0000000000000000000000000000000a").put("name", "trained")
                .put("type", "training").put("created", "2001-01-01T00:00:00").put("status", "published")
                .put("user", "someone").put("company", "elsewhere").put("last_iteration", 42)
                .put("output_dest", "s3://bucket/out").put("comment", "kept");
        body.putObject("last_metrics").putObject("m").putObject("v").put("value", 1);
        body.putObject("execution").put("docker_cmd", "python:3.9 -e X").put("framework", "pytorch");
        body.putObject("container").put("image", "python:3.9");
        Date before = new Date();

        ApiClient.Answer created = server.client.call(server.userToken, "tasks.create", body);

        String id = created.data().path("id").asText();
        assertThat(id).matches("[0-9a-f]{32}").isNotEqualTo("0000000000000000000000000000000a");
        Document stored = server.stored("task", id);
        assertThat(stored.getDate("created")).isBetween(before, new Date(), true, true);
        assertThat(stored.getString("status")).isEqualTo("created");
        assertThat(stored.getString("company")).isEqualTo(StandInServer.COMPANY);
        assertThat(stored.getString("user")).isNotEqualTo("someone");
        assertThat(stored.getInteger("last_iteration")).isZero();
        assertThat(stored.get("last_metrics", Document.class)).isEmpty();
        assertThat(stored.get("execution", Document.class)).doesNotContainKey("docker_cmd")
                .containsEntry("framework", "pytorch");
        assertThat(stored.get("container", Document.class)).containsEntry("image", "python:3.9");
        assertThat(stored.get("output", Document.class)).containsEntry("destination", "s3://bucket/out");
        assertThat(stored.getString("comment")).isEqualTo("kept");
    }

    @Test
    void statusCallsStampTheTimeOfTheCallNotATimeTheClientSends() {
        String id = server.task("timed task");
        Date before = new Date();

        call("tasks.started", ApiClient.object().put("task", id).put("started", "2001-01-01T00:00:00"));
        call("tasks.stopped", ApiClient.object().put("task", id));
        Document stopped = server.stored("task", id);
        call("tasks.publish", ApiClient.object().put("task", id));

        Document published = server.stored("task", id);
        assertThat(stopped.getString("status")).isEqualTo("stopped");
        assertThat(published.getString("status")).isEqualTo("published");
        for (String field : new String[] {"started", "completed", "published", "status_changed", "last_update"}) {
            assertThat(published.getDate(field)).as(field).isBetween(before, new Date(), true, true);
        }
    }

    @Test
    void aSecondStartedKeepsTheFirstStartedTime() {
        String id = server.task("restarted task");
        call("tasks.started", ApiClient.object().put("task", id));
        Date first = server.stored("task", id).getDate("started");
        call("tasks.stopped", ApiClient.object().put("task", id));

        call("tasks.started", ApiClient.object().put("task", id));

        assertThat(server.stored("task", id).getDate("started")).isEqualTo(first);
    }

    @Test
    void updateBatchKeepsTheCommentAndDropsDatesOwnerAndStatus() {
        String first = server.task("batch task one");
        String second = server.task("batch task two");

        ApiClient.Answer answer = server.client.jsonLines(server.userToken, "tasks.update_batch", java.util.List.of(
                ApiClient.object().put("task", first).put("comment", "one").put("created", "2001-01-01T00:00:00")
                        .put("user", "someone").put("status", "published"),
                ApiClient.object().put("task", second).put("comment", "two")));

        assertThat(answer.data().path("updated").asInt()).isEqualTo(2);
        Document stored = server.stored("task", first);
        assertThat(stored.getString("comment")).isEqualTo("one");
        assertThat(stored.getString("status")).isEqualTo("created");
        assertThat(stored.getString("user")).isNotEqualTo("someone");
        assertThat(stored.getDate("created")).isAfter(new Date(978_307_200_000L));
        assertThat(server.stored("task", second).getString("comment")).isEqualTo("two");
    }

    @Test
    void archiveAddsTheArchivedSystemTagAndUnarchiveRemovesIt() {
        String id = server.task("archived task");

        ApiClient.Answer archived = call("tasks.archive", ApiClient.object().set("tasks",
                ApiClient.JSON.createArrayNode().add(id)));
        java.util.List<String> tags = server.stored("task", id).getList("system_tags", String.class);
        call("tasks.unarchive_many", ApiClient.object().set("ids", ApiClient.JSON.createArrayNode().add(id)));

        assertThat(archived.data().path("archived").asInt()).isEqualTo(1);
        assertThat(tags).containsExactly("archived");
        assertThat(server.stored("task", id).getList("system_tags", String.class)).isEmpty();
    }

    @Test
    void completedStampsCompletedAndAnswersTheFieldsItSet() {
        String id = server.task("finished task");
        call("tasks.started", ApiClient.object().put("task", id));

        ApiClient.Answer completed = call("tasks.completed", ApiClient.object().put("task", id));

        assertThat(completed.data().path("updated").asInt()).isEqualTo(1);
        assertThat(completed.data().at("/fields/status").asText()).isEqualTo("completed");
        assertThat(OffsetDateTime.parse(completed.data().at("/fields/completed").asText()).toInstant())
                .isEqualTo(server.stored("task", id).getDate("completed").toInstant());
    }

    @Test
    void anInvalidStatusChangeIsRefusedUnlessForced() {
        String id = server.task("created task");

        ApiClient.Answer refused = call("tasks.stopped", ApiClient.object().put("task", id));
        ApiClient.Answer forced = call("tasks.stopped", ApiClient.object().put("task", id).put("force", true));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.subcode()).isEqualTo(110);
        assertThat(refused.message()).isEqualTo(
                "Invalid task status (Invalid status change): current_status=created, new_status=stopped");
        assertThat(forced.status()).isEqualTo(200);
    }

    @Test
    void editSetsTheStatusWithoutDatesAndDropsServerFields() {
        String id = server.task("edited task");

        call("tasks.edit", ApiClient.object().put("task", id).put("status", "completed")
                .put("status_reason", "dropped").put("created", "2001-01-01T00:00:00").put("comment", "edited"));

        Document stored = server.stored("task", id);
        assertThat(stored.getString("status")).isEqualTo("completed");
        assertThat(stored.get("completed")).isNull();
        assertThat(stored.get("status_reason")).isNull();
        assertThat(stored.getString("comment")).isEqualTo("edited");
        assertThat(stored.getDate("created")).isAfter(new Date(978_307_200_000L));
    }

    @Test
    void editWithoutForceNeedsACreatedTaskButWithForceEditsAPublishedOne() {
        String id = server.task("published task");
        call("tasks.publish", ApiClient.object().put("task", id).put("force", true));

        ApiClient.Answer refused = call("tasks.edit", ApiClient.object().put("task", id).put("comment", "late"));
        ApiClient.Answer forced = call("tasks.edit", ApiClient.object().put("task", id).put("comment", "late")
                .put("force", true));

        assertThat(refused.subcode()).isEqualTo(110);
        assertThat(forced.data().path("updated").asInt()).isEqualTo(1);
        assertThat(server.stored("task", id).getString("comment")).isEqualTo("late");
    }

    @Test
    void updateKeepsTheStatusMessageButDropsTheStatus() {
        String id = server.task("updated task");

        ApiClient.Answer statusOnly = call("tasks.update", ApiClient.object().put("task", id).put("status", "failed"));
        call("tasks.update", ApiClient.object().put("task", id).put("status_message", "kept")
                .put("status_reason", "dropped").put("name", "renamed task"));

        Document stored = server.stored("task", id);
        assertThat(statusOnly.data().path("updated").asInt()).isZero();
        assertThat(stored.getString("status")).isEqualTo("created");
        assertThat(stored.getString("status_message")).isEqualTo("kept");
        assertThat(stored.get("status_reason")).isNull();
        assertThat(stored.getString("name")).isEqualTo("renamed task");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "tasks.create, '{\"name\": \"ab\", \"type\": \"training\"}'",
        "projects.create, '{\"name\": \"ab\"}'",
        "models.create, '{\"name\": \"ab\", \"uri\": \"s3://b/m\"}'"})
    void namesShorterThanThreeCharactersAreRefused(String endpoint, String body) {
        ApiClient.Answer refused = server.client.call(server.userToken, endpoint, body);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.subcode()).isEqualTo(800);
        assertThat(refused.message()).isEqualTo("Data validation error: name=String value is too short");
    }

    @Test
    void artifactsAndParameterKeysAreAnsweredAsSentAndStoredAsTheServerStoresThem() {
        ObjectNode body = ApiClient.object().put("name", "keyed task").put("type", "training");
        body.putObject("execution").putArray("artifacts").addObject().put("key", "preds.csv").put("type", "pandas")
                .put("mode", "output").put("uri", "http://files/preds.csv");
        body.putObject("hyperparams").putObject("Args.v1").putObject("lr.max").put("section", "Args.v1")
                .put("name", "lr.max").put("value", "0.1");
        body.putObject("configuration").putObject("$config").put("name", "$config").put("value", "{}");

        String id = call("tasks.create", body).data().path("id").asText();
        JsonNode answered = call("tasks.get_by_id", ApiClient.object().put("task", id)).data().path("task");

        Document stored = server.stored("task", id);
        assertThat(stored.get("execution", Document.class).get("artifacts", Document.class))
                .containsOnlyKeys(Hashes.md5("preds.csv") + "_output");
        assertThat(stored.get("hyperparams", Document.class)).containsOnlyKeys("Args%2Ev1");
        assertThat(stored.get("hyperparams", Document.class).get("Args%2Ev1", Document.class))
                .containsOnlyKeys("lr%2Emax");
        assertThat(stored.get("configuration", Document.class)).containsOnlyKeys("%24config");
        assertThat(answered.at("/execution/artifacts/0/key").asText()).isEqualTo("preds.csv");
        assertThat(answered.at("/hyperparams/Args.v1/lr.max/value").asText()).isEqualTo("0.1");
        assertThat(answered.path("configuration").has("$config")).isTrue();
    }

    @Test
    void aTaskInAnUnknownProjectIsRefused() {
        ApiClient.Answer refused = call("tasks.create", ApiClient.object().put("name", "lost task")
                .put("type", "training").put("project", "no-such-project"));

        assertThat(refused.subcode()).isEqualTo(401);
        assertThat(refused.message()).isEqualTo("Invalid project id: id=no-such-project");
    }

    @Test
    void aTaskOfAnotherCompanyIsAnUnknownTask() {
        String id = server.task("company task");
        server.moveToCompany("task", id, "0123456789abcdef0123456789abcdef");

        ApiClient.Answer answer = call("tasks.get_by_id", ApiClient.object().put("task", id));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.subcode()).isEqualTo(101);
        assertThat(answer.message()).isEqualTo("Invalid task id: ids=(" + id + ")");
    }

    private ApiClient.Answer call(String endpoint, ObjectNode body) {
        return server.client.call(server.userToken, endpoint, body);
    }
}
