package clearml.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exercises the ClearML API stand-in, not ClearML's apiserver: event reads as the real server pages them
 * ({@code EventsIterator}: by iteration, a scroll id holding the next key, at most 10 000 per call).
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class EventReadsTest {

    private StandInServer server;

    @BeforeEach
    void freshServer(@TargetServer Sandbox target, @TargetServer ApiStandIn api) {
        server = StandInServer.fresh(target, api);
    }

    @Test
    void getTaskEventsPagesEveryEventOfEveryTypeExactlyOnce() {
        String task = server.task("event task");
        List<ObjectNode> events = new ArrayList<>();
        for (int iter = 1; iter <= 12; iter++) {
            events.add(EventIngestTest.scalar(task, iter, iter / 10.0, 1_000 + iter));
            events.add(ApiClient.object().put("task", task).put("type", "log").put("iter", iter).put("msg", "m" + iter)
                    .put("timestamp", 2_000 + iter));
        }
        events.add(ApiClient.object().put("task", task).put("type", "training_debug_image").put("iter", 12)
                .put("metric", "img").put("variant", "v").put("key", "k").put("url", "http://files/k.png"));
        server.client.jsonLines(server.userToken, "events.add_batch", events);

        Set<String> seen = new HashSet<>();
        List<Integer> pageSizes = new ArrayList<>();
        String scrollId = null;
        long total = -1;
        while (true) {
            ObjectNode body = ApiClient.object().put("task", task).put("batch_size", 7);
            if (scrollId != null) {
                body.put("scroll_id", scrollId);
            }
            JsonNode page = server.client.call(server.userToken, "events.get_task_events", body).data();
            if (page.path("returned").asInt() == 0) {
                break;
            }
            total = page.path("total").asLong();
            pageSizes.add(page.path("returned").asInt());
            page.path("events").forEach(event -> assertThat(seen.add(event.path("type").asText() + "/"
                    + event.path("iter").asInt())).isTrue());
            scrollId = page.path("scroll_id").asText();
        }
        assertThat(seen).hasSize(25);
        assertThat(total).isEqualTo(25);
        // a page of 7 never splits an iteration: iterations 1-4, 5-8, then 9-12 with iteration 12's three events
        assertThat(pageSizes).containsExactly(8, 8, 9);
    }

    /**
     * The server tests the scroll's next iteration for truth, so after a page ending at iteration 0 it starts over:
     * a client must stop at {@code total}, not at an empty page.
     */
    @Test
    void scrollingEventsOfIterationZeroStartsOverAsTheServersDoes() {
        String task = server.task("iteration zero task");
        List<ObjectNode> lines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lines.add(ApiClient.object().put("task", task).put("type", "log").put("iter", 0).put("msg", "l" + i));
        }
        server.client.jsonLines(server.userToken, "events.add_batch", lines);

        JsonNode first = server.client.call(server.userToken, "events.get_task_events",
                ApiClient.object().put("task", task).put("batch_size", 2)).data();
        JsonNode second = server.client.call(server.userToken, "events.get_task_events",
                ApiClient.object().put("task", task).put("scroll_id", first.path("scroll_id").asText())).data();

        assertThat(first.path("returned").asInt()).isEqualTo(3);
        assertThat(first.path("total").asInt()).isEqualTo(3);
        assertThat(second.path("events")).extracting(e -> e.path("msg").asText())
                .containsExactlyInAnyOrder("l0", "l1", "l2");
    }

    @Test
    void eventReadsAreCutToTheServersLimit(@TargetServer Sandbox target) {
        String task = server.task("many events task");
        List<ObjectNode> events = new ArrayList<>();
        for (int iter = 1; iter <= 30; iter++) {
            events.add(EventIngestTest.scalar(task, iter, iter, iter));
        }
        server.client.jsonLines(server.userToken, "events.add_batch", events);
        try (ApiStandIn small = ApiStandIn.start(target, ApiLimits.DEFAULTS.withMaxEventsPerCall(5))) {
            ApiClient client = new ApiClient(small.url());
            String token = client.login(small.userCredentials());

            JsonNode page = client.call(token, "events.get_task_events",
                    ApiClient.object().put("task", task).put("batch_size", 10_000)).data();

            assertThat(page.path("returned").asInt()).isEqualTo(5);
            assertThat(page.path("total").asInt()).isEqualTo(30);
        }
    }

    @Test
    void theTaskLogComesNewestFirstUnlessAskedInOrder() {
        String task = server.task("logging task");
        List<ObjectNode> lines = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            lines.add(ApiClient.object().put("task", task).put("type", "log").put("msg", "line " + i)
                    .put("timestamp", 10_000 + i));
        }
        server.client.jsonLines(server.userToken, "events.add_batch", lines);

        JsonNode newest = server.client.call(server.userToken, "events.get_task_log",
                ApiClient.object().put("task", task)).data();
        JsonNode oldest = server.client.call(server.userToken, "events.get_task_log",
                ApiClient.object().put("task", task).put("navigate_earlier", false).put("batch_size", 2)).data();

        assertThat(newest.path("events").get(0).path("msg").asText()).isEqualTo("line 5");
        assertThat(newest.path("total").asInt()).isEqualTo(5);
        assertThat(oldest.path("events")).extracting(e -> e.path("msg").asText()).containsExactly("line 1", "line 2");
    }

    @Test
    void rawScalarsComeAsListsPerVariant() {
        String task = server.task("raw scalars task");
        server.client.jsonLines(server.userToken, "events.add_batch", List.of(
                EventIngestTest.scalar(task, 1, 0.5, 1), EventIngestTest.scalar(task, 2, 0.25, 2)));

        ObjectNode body = ApiClient.object().put("task", task).put("count_total", true);
        body.putObject("metric").put("metric", "loss");
        JsonNode raw = server.client.call(server.userToken, "events.scalar_metrics_iter_raw", body).data();

        assertThat(raw.path("total").asInt()).isEqualTo(2);
        assertThat(raw.at("/variants/train/y")).extracting(JsonNode::asDouble).containsExactly(0.5, 0.25);
        assertThat(raw.at("/variants/train/iter")).extracting(JsonNode::asInt).containsExactly(1, 2);
    }

    @Test
    void deleteForTaskDeletesItsEventsButNotAPublishedTasks() {
        String task = server.task("cleaned task");
        server.client.jsonLines(server.userToken, "events.add_batch", List.of(EventIngestTest.scalar(task, 1, 1, 1)));

        JsonNode deleted = server.client.call(server.userToken, "events.delete_for_task",
                ApiClient.object().put("task", task)).data();
        server.client.call(server.userToken, "tasks.publish", ApiClient.object().put("task", task).put("force", true));
        ApiClient.Answer refused = server.client.call(server.userToken, "events.delete_for_task",
                ApiClient.object().put("task", task));

        assertThat(deleted.path("deleted").asInt()).isEqualTo(1);
        assertThat(StoredEvents.of(server.sandbox, task)).isEmpty();
        assertThat(refused.subcode()).isEqualTo(101);
        assertThat(refused.message()).startsWith("Cannot update events for a published task");
    }
}
