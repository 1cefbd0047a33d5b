package clearml.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exercises the ClearML API stand-in, not ClearML's apiserver: model and project writes as a client meets them on
 * the real server (clearml-rest-api.md): only {@code models.update} sets a date, {@code models.edit} the ready flag,
 * project paths make their parents.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class ModelAndProjectWritesTest {

    private StandInServer server;

    @BeforeEach
    void freshServer(@TargetServer Sandbox target, @TargetServer ApiStandIn api) {
        server = StandInServer.fresh(target, api);
    }

    @Test
    void modelCreateIgnoresIdAndDatesAndMakesAReadyModel() {
        Date before = new Date();
        ApiClient.Answer created = call("models.create", ApiClient.object().put("id", "fixed-id").put("name", "model one")
                .put("uri", "s3://bucket/model.pt").put("created", "2001-01-01T00:00:00").put("last_iteration", 9));

        Document stored = server.stored("model", created.data().path("id").asText());
        assertThat(created.data().path("created").asBoolean()).isTrue();
        assertThat(stored.getString("_id")).isNotEqualTo("fixed-id");
        assertThat(stored.getBoolean("ready")).isTrue();
        assertThat(stored.getDate("created")).isBetween(before, new Date(), true, true);
        assertThat(stored.getInteger("last_iteration")).isZero();
    }

    @Test
    void onlyModelsUpdateSetsCreatedAndOnlyModelsEditSetsReadyAndFramework() {
        String id = call("models.create", ApiClient.object().put("name", "model two").put("uri", "s3://b/m")
                .put("ready", false)).data().path("id").asText();

        call("models.update", ApiClient.object().put("model", id).put("created", "2020-05-06T07:08:09.123000+00:00")
                .put("ready", true).put("framework", "dropped").put("comment", "updated"));
        Document updated = server.stored("model", id);
        call("models.edit", ApiClient.object().put("model", id).put("created", "2001-01-01T00:00:00")
                .put("ready", true).put("framework", "pytorch"));

        Document edited = server.stored("model", id);
        assertThat(updated.getDate("created").toInstant()).isEqualTo(Instant.parse("2020-05-06T07:08:09.123Z"));
        assertThat(updated.getBoolean("ready")).isFalse();
        assertThat(updated.get("framework")).isNull();
        assertThat(updated.getString("comment")).isEqualTo("updated");
        assertThat(edited.getDate("created")).isEqualTo(updated.getDate("created"));
        assertThat(edited.getBoolean("ready")).isTrue();
        assertThat(edited.getString("framework")).isEqualTo("pytorch");
    }

    @Test
    void setReadyRefusesAModelThatIsAlreadyReady() {
        String id = call("models.create", ApiClient.object().put("name", "ready model").put("uri", "s3://b/m"))
                .data().path("id").asText();

        ApiClient.Answer refused = call("models.set_ready", ApiClient.object().put("model", id));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.subcode()).isEqualTo(203);
    }

    @Test
    void metadataMustBeADictKeyedByKey() {
        ObjectNode listed = ApiClient.object().put("name", "meta model").put("uri", "s3://b/m");
        listed.putArray("metadata").addObject().put("key", "a.b").put("type", "str").put("value", "1");
        ObjectNode keyed = ApiClient.object().put("name", "meta model").put("uri", "s3://b/m");
        keyed.putObject("metadata").putObject("a.b").put("key", "a.b").put("type", "str").put("value", "1");

        ApiClient.Answer refused = call("models.create", listed);
        String id = call("models.create", keyed).data().path("id").asText();
        ApiClient.Answer failedUpdate = call("models.update", ApiClient.object().put("model", id)
                .set("metadata", listed.get("metadata")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.subcode()).isEqualTo(12);
        assertThat(failedUpdate.status()).isEqualTo(500);
        assertThat(server.stored("model", id).get("metadata", Document.class)).containsOnlyKeys("a%2Eb");
        assertThat(call("models.get_by_id", ApiClient.object().put("model", id)).data().at("/model/metadata").has("a.b"))
                .isTrue();
    }

    @Test
    void aProjectPathNameCreatesItsParentsWithPathAndBasename() {
        String id = call("projects.create", ApiClient.object().put("name", "Vision/Detection/Cats")
                .put("description", "kept").put("created", "2001-01-01T00:00:00")).data().path("id").asText();

        Document leaf = server.stored("project", id);
        Document middle = server.stored("project", leaf.getString("parent"));
        Document root = server.stored("project", middle.getString("parent"));
        assertThat(leaf.getString("basename")).isEqualTo("Cats");
        assertThat(leaf.getList("path", String.class)).containsExactly(root.getString("_id"), middle.getString("_id"));
        assertThat(middle.getString("name")).isEqualTo("Vision/Detection");
        assertThat(root.getString("name")).isEqualTo("Vision");
        assertThat(root.getList("path", String.class)).isEmpty();
        assertThat(leaf.getString("description")).isEqualTo("kept");
        assertThat(leaf.getInteger("featured")).isEqualTo(9999);
        assertThat(leaf.getDate("created")).isAfter(new Date(978_307_200_000L));
    }

    @Test
    void aSecondProjectOfTheSameNameIsRefusedAndUpdateCannotSetDatesOrOwner() {
        String id = call("projects.create", ApiClient.object().put("name", "Unique")).data().path("id").asText();
        Document before = server.stored("project", id);

        ApiClient.Answer duplicate = call("projects.create", ApiClient.object().put("name", "Unique"));
        ApiClient.Answer updated = call("projects.update", ApiClient.object().put("project", id)
                .put("created", "2001-01-01T00:00:00").put("user", "other").put("description", "new"));

        Document after = server.stored("project", id);
        assertThat(duplicate.subcode()).isEqualTo(801);
        assertThat(updated.data().path("updated").asInt()).isEqualTo(1);
        assertThat(after.getDate("created")).isEqualTo(before.getDate("created"));
        assertThat(after.getString("user")).isEqualTo(before.getString("user"));
        assertThat(after.getString("description")).isEqualTo("new");
    }

    @Test
    void aProjectHoldingTasksIsDeletedOnlyWhenForced() {
        String project = call("projects.create", ApiClient.object().put("name", "Holder")).data().path("id").asText();
        String task = call("tasks.create", ApiClient.object().put("name", "held task").put("type", "training")
                .put("project", project)).data().path("id").asText();

        ApiClient.Answer refused = call("projects.delete", ApiClient.object().put("project", project));
        ApiClient.Answer forced = call("projects.delete", ApiClient.object().put("project", project).put("force", true));

        assertThat(refused.subcode()).isEqualTo(402);
        assertThat(forced.data().path("deleted").asInt()).isEqualTo(1);
        assertThat(forced.data().path("disassociated_tasks").asInt()).isEqualTo(1);
        assertThat(server.stored("task", task)).doesNotContainKey("project");
    }

    @Test
    void deletingATaskMovesItToTheTrashAndDeletesItsDraftOutputModel() {
        String task = call("tasks.create", ApiClient.object().put("name", "doomed task").put("type", "training"))
                .data().path("id").asText();
        String model = call("models.create", ApiClient.object().put("name", "draft output").put("uri", "s3://b/m")
                .put("ready", false).put("task", task)).data().path("id").asText();

        ApiClient.Answer deleted = call("tasks.delete", ApiClient.object().put("task", task));

        assertThat(deleted.data().path("deleted").asBoolean()).isTrue();
        assertThat(deleted.data().path("deleted_models").asInt()).isEqualTo(1);
        assertThat(server.stored("task", task)).isNull();
        assertThat(server.stored("task__trash", task)).isNotNull();
        assertThat(server.stored("model", model)).isNull();
        assertThat(List.of(call("tasks.get_by_id", ApiClient.object().put("task", task)).subcode())).containsExactly(101);
    }

    private ApiClient.Answer call(String endpoint, ObjectNode body) {
        return server.client.call(server.userToken, endpoint, body);
    }
}
