package clearml.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.sandbox.Hashes;
import clearml.sandbox.PlotCodec;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exercises the ClearML API stand-in, not ClearML's apiserver: {@code events.add_batch} as the real server ingests
 * events (data model §2.3–2.5) and rebuilds a task's statistics across batches (clearml-rest-api.md).
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class EventIngestTest {

    private static final String LOSS = Hashes.md5("loss");
    private static final String TRAIN = Hashes.md5("train");

    private StandInServer server;

    @BeforeEach
    void freshServer(@TargetServer Sandbox target, @TargetServer ApiStandIn api) {
        server = StandInServer.fresh(target, api);
    }

    @Test
    void aLaterBatchOverwritesTheValueEvenAtALowerIterationWhileTheRestAccumulates() {
        String task = server.task("metrics task");

        add(scalar(task, 10, 0.5, 1_000), scalar(task, 5, 0.9, 2_000));
        add(scalar(task, 2, 0.7, 3_000));

        Document stored = server.stored("task", task);
        Document loss = stored.get("last_metrics", Document.class).get(LOSS, Document.class).get(TRAIN, Document.class);
        assertThat(loss.getDouble("value")).isEqualTo(0.7);
        assertThat(stored.getInteger("last_iteration")).isEqualTo(10);
        assertThat(loss.getDouble("first_value")).isEqualTo(0.9);
        assertThat(loss.getInteger("first_value_iteration")).isEqualTo(5);
        assertThat(loss.getDouble("min_value")).isEqualTo(0.5);
        assertThat(loss.getInteger("min_value_iteration")).isEqualTo(10);
        assertThat(loss.getDouble("max_value")).isEqualTo(0.9);
        assertThat(loss.getInteger("max_value_iteration")).isEqualTo(5);
        assertThat(loss.getInteger("count")).isEqualTo(3);
        assertThat(loss.getDouble("mean_value")).isEqualTo(0.7);
        assertThat(stored.getList("unique_metrics", String.class)).containsExactly("loss/train");
    }

    @Test
    void withinABatchTheLastValueIsTheHighestIterationThenTimestamp() {
        String task = server.task("ordered task");

        add(scalar(task, 3, 0.1, 5_000), scalar(task, 3, 0.2, 6_000), scalar(task, 1, 0.3, 9_000));

        Document loss = server.stored("task", task).get("last_metrics", Document.class).get(LOSS, Document.class)
                .get(TRAIN, Document.class);
        assertThat(loss.getDouble("value")).isEqualTo(0.2);
        assertThat(loss.getDouble("first_value")).isEqualTo(0.3);
        assertThat(loss.getDouble("mean_value")).isEqualTo(0.2);
    }

    @Test
    void theMeanIsRoundedAsMongoDbRoundsTheDoubleNotItsShortestText() {
        String task = server.task("rounded task");
        ObjectNode[] hundred = new ObjectNode[100];
        for (int i = 0; i < hundred.length; i++) {
            hundred[i] = scalar(task, i, i / 100.0, 1_000 + i);
        }

        add(hundred);

        Document loss = server.stored("task", task).get("last_metrics", Document.class).get(LOSS, Document.class)
                .get(TRAIN, Document.class);
        // 49.5 / 100 is the double 0.494999999999999995559…: ClearML 2.0 stores 0.49 for it (genuine rich fixture).
        assertThat(loss.getDouble("mean_value")).isEqualTo(0.49);
    }

    @Test
    void theServerStampsWriteTimesAndIdsAndMovesTheAxisLabelOutOfTheEvent() {
        String task = server.task("stamped task");
        ObjectNode labelled = scalar(task, 4, 1.5, 1_234).put("x_axis_label", "epochs");
        ObjectNode legacy = ApiClient.object().put("task", task).put("type", "log").put("ts", 777).put("iter", 0)
                .put("msg", "hello").put("@timestamp", "2001-01-01T00:00:00.000Z");
        ObjectNode sameLog = legacy.deepCopy();

        ApiClient.Answer added = add(labelled, legacy, sameLog);

        assertThat(added.data().path("added").asInt()).isEqualTo(3);
        List<StoredEvents.Hit> events = StoredEvents.of(server.sandbox, task);
        StoredEvents.Hit scalar = events.stream().filter(e -> e.index().contains("scalar")).findFirst().orElseThrow();
        assertThat(scalar.id()).isEqualTo(Hashes.md5(task + "-4-loss-train"));
        assertThat(scalar.source().path("timestamp").asLong()).isEqualTo(1_234);
        assertThat(scalar.source().has("x_axis_label")).isFalse();
        assertThat(scalar.source().path("worker").asText()).isEqualTo("<unknown>");
        List<StoredEvents.Hit> logs = events.stream().filter(e -> e.index().contains("log")).toList();
        assertThat(logs).hasSize(2).allSatisfy(log -> {
            assertThat(log.source().path("timestamp").asLong()).isEqualTo(777);
            assertThat(log.source().has("ts")).isFalse();
            assertThat(log.source().path("@timestamp").asText()).startsWith("20").doesNotStartWith("2001");
        });
        assertThat(logs.get(0).id()).isNotEqualTo(logs.get(1).id());
        Document loss = server.stored("task", task).get("last_metrics", Document.class).get(LOSS, Document.class)
                .get(TRAIN, Document.class);
        assertThat(loss.getString("x_axis_label")).isEqualTo("epochs");
    }

    @Test
    void resetClearsTheStatisticsAndDeletesTheEvents() {
        String task = server.task("reset task");
        add(scalar(task, 7, 0.5, 1_000));

        ApiClient.Answer reset = server.client.call(server.userToken, "tasks.reset",
                ApiClient.object().put("task", task));

        Document stored = server.stored("task", task);
        assertThat(reset.data().at("/fields/status").asText()).isEqualTo("created");
        assertThat(stored.get("last_metrics", Document.class)).isEmpty();
        assertThat(stored.getInteger("last_iteration")).isZero();
        assertThat(stored.getString("status_reason")).isEqualTo("reset");
        assertThat(StoredEvents.of(server.sandbox, task)).isEmpty();
    }

    @Test
    void aPublishedTaskRefusesEvents() {
        String task = server.task("published task");
        server.client.call(server.userToken, "tasks.publish", ApiClient.object().put("task", task).put("force", true));

        ApiClient.Answer refused = add(scalar(task, 1, 0.5, 1_000));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.subcode()).isEqualTo(131);
        assertThat(refused.message()).isEqualTo("Events not added: Invalid task id " + task + "=1");
        assertThat(StoredEvents.of(server.sandbox, task)).isEmpty();
    }

    @Test
    void aPublishedTaskTakesEventsMarkedAllowLockedAndADebugImageSentAgainOverwritesItself() {
        String task = server.task("locked task");
        add(image(task, "http://old/a.png"));
        server.client.call(server.userToken, "tasks.publish", ApiClient.object().put("task", task).put("force", true));

        ApiClient.Answer resent = add(image(task, "http://new/a.png").put("allow_locked", true));

        List<StoredEvents.Hit> stored = StoredEvents.of(server.sandbox, task);
        assertThat(resent.data().path("added").asInt()).isEqualTo(1);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).source().path("url").asText()).isEqualTo("http://new/a.png");
        assertThat(stored.get(0).source().has("allow_locked")).isFalse();
        assertThat(stored.get(0).source().path("timestamp").asLong()).isEqualTo(1_500);
    }

    @Test
    void aPlotOf100000CharactersOrMoreIsStoredCompressed() {
        String task = server.task("plotting task");
        String image = "{\"layout\":{\"images\":[{\"source\":\"https://files.example/p.png\"}]},\"data\":\"";
        String big = image + "x".repeat(100_000 - image.length() - 2) + "\"}";
        String small = image + "y".repeat(100) + "\"}";

        add(plot(task, 1, big), plot(task, 2, small));

        List<StoredEvents.Hit> plots = StoredEvents.of(server.sandbox, task);
        StoredEvents.Hit compressed = plots.stream().filter(p -> p.source().path("iter").asInt() == 1).findFirst()
                .orElseThrow();
        StoredEvents.Hit plain = plots.stream().filter(p -> p.source().path("iter").asInt() == 2).findFirst()
                .orElseThrow();
        assertThat(compressed.source().has("plot_str")).isFalse();
        assertThat(PlotCodec.decompress(compressed.source().path("plot_data").asText())).isEqualTo(big);
        assertThat(compressed.source().path("plot_data").asText()).contains("\n").endsWith("\n");
        assertThat(compressed.source().path("plot_len").asInt()).isEqualTo(100_000);
        assertThat(plain.source().path("plot_str").asText()).isEqualTo(small);
        assertThat(plain.source().path("source_urls").get(0).asText()).isEqualTo("https://files.example/p.png");
    }

    @Test
    void aJsonArrayIsNotABatch() {
        String task = server.task("array task");

        ApiClient.Answer refused = server.client.call(server.userToken, "events.add_batch",
                "[" + scalar(task, 1, 0.5, 1) + "]");

        assertThat(refused.status()).isEqualTo(500);
        assertThat(refused.message()).isEqualTo("Data should be a dict");
    }

    @Test
    void modelEventsNeedAModelThatIsNotReadyAndRebuildItsStatistics() {
        String ready = modelId(true);
        String draft = modelId(false);

        ApiClient.Answer refused = add(scalar(ready, 1, 0.5, 1).put("model_event", true));
        ApiClient.Answer accepted = add(scalar(draft, 8, 0.25, 1).put("model_event", true));

        assertThat(refused.subcode()).isEqualTo(131);
        assertThat(accepted.data().path("added").asInt()).isEqualTo(1);
        Document model = server.stored("model", draft);
        assertThat(model.getInteger("last_iteration")).isEqualTo(8);
        assertThat(model.get("last_metrics", Document.class).get(LOSS, Document.class).get(TRAIN, Document.class)
                .getDouble("value")).isEqualTo(0.25);
    }

    private String modelId(boolean ready) {
        return server.client.call(server.userToken, "models.create", ApiClient.object().put("name", "model " + ready)
                .put("uri", "s3://b/m").put("ready", ready)).data().path("id").asText();
    }

    private ApiClient.Answer add(ObjectNode... events) {
        return server.client.jsonLines(server.userToken, "events.add_batch", List.of(events));
    }

    static ObjectNode scalar(String task, int iter, double value, long timestamp) {
        return ApiClient.object().put("task", task).put("type", "training_stats_scalar").put("iter", iter)
                .put("metric", "loss").put("variant", "train").put("value", value).put("timestamp", timestamp);
    }

    private static ObjectNode image(String task, String url) {
        return ApiClient.object().put("task", task).put("type", "training_debug_image").put("iter", 3)
                .put("metric", "img").put("variant", "v").put("key", "img/v/a.png").put("url", url)
                .put("timestamp", 1_500);
    }

    private static ObjectNode plot(String task, int iter, String plotStr) {
        return ApiClient.object().put("task", task).put("type", "plot").put("iter", iter).put("metric", "cm")
                .put("variant", "val").put("plot_str", plotStr).put("timestamp", 1_000 + iter);
    }
}
