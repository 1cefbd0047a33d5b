package clearml.migrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.sandbox.Sandbox;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Paging through lists and events against the sandbox's ClearML API stand-in (not ClearML's apiserver), which caps
 * list pages at 500 and event reads at 10 000 as the real server does.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class ApiPagingStandInTest {

    private StandInServer server;

    @BeforeEach
    void freshServer(Sandbox sandbox, ApiStandIn api) {
        server = StandInServer.fresh(sandbox, api);
    }

    private static List<String> ids(ScrollPages pages) {
        List<String> ids = new ArrayList<>();
        pages.forEachRemaining(entity -> ids.add(entity.path("id").asText()));
        return ids;
    }

    private static List<Long> iterations(ScrollPages pages) {
        List<Long> iterations = new ArrayList<>();
        pages.forEachRemaining(event -> iterations.add(event.path("iter").asLong()));
        return iterations;
    }

    private static List<Long> range(int count) {
        return IntStream.range(0, count).mapToObj(i -> (long) i).toList();
    }

    @Test
    void pagesThroughMoreTasksThanOnePageHoldsUntilAnEmptyPage() {
        server.insertTasks(1_201);
        try (ApiClient client = server.user()) {
            EntityPages pages = client.entities("tasks.get_all_ex",
                    (ObjectNode) ApiJson.object().set("only_fields", ApiJson.MAPPER.valueToTree(List.of("id"))), 500);

            List<String> listed = ids(pages);

            assertThat(listed).hasSize(1_201).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(server.storedIds("task"));
            // 500, 500, 201, then the empty page that ends the scroll: the short page did not end it.
            assertThat(pages.pages()).isEqualTo(4);
            assertThat(server.api().calls().count("tasks.get_all_ex")).isEqualTo(4);
        }
    }

    @Test
    void aScrollCutAfterItsCallMayHaveReachedTheServerStartsOverWithoutDuplicates() {
        server.insertTasks(1_050);
        try (ApiClient client = server.user()) {
            EntityPages pages = client.entities("tasks.get_all_ex", ApiJson.object(), 500);
            List<String> listed = new ArrayList<>(List.of(pages.next().path("id").asText())); // first page in
            server.api().faults().inject("tasks.get_all_ex", 502, 1); // the second page's call is cut

            pages.forEachRemaining(task -> listed.add(task.path("id").asText()));

            assertThat(listed).hasSize(1_050).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(server.storedIds("task"));
            assertThat(pages.restarts()).isEqualTo(1);
        }
    }

    @Test
    void pagesThroughMoreEventsThanOneReadReturns() {
        String task = server.insertTasks(1).get(0);
        server.insertScalars(task, 10_001);
        try (ApiClient client = server.user()) {
            TaskEventPages pages = client.taskEvents(ApiJson.object().put("task", task), 20_000);

            assertThat(iterations(pages)).hasSize(10_001).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(range(10_001));
            // At most 10 000 per read, though 20 000 were asked for: 10 000, 1, then the empty page.
            assertThat(pages.pages()).isEqualTo(3);
        }
    }

    @Test
    void addsEventsAsJsonLinesAndReadsThemBack() {
        try (ApiClient client = server.user()) {
            String task = client.call(ApiRequest.create("tasks.create", ApiJson.object().put("name", "with events")
                    .put("type", "training"))).path("id").asText();
            List<ObjectNode> sent = IntStream.range(0, 600).mapToObj(iter -> scalar(task, iter)).toList();

            JsonNode added = client.addEvents(sent);
            TaskEventPages pages = client.taskEvents(ApiJson.object().put("task", task), 250);

            assertThat(added.path("added").asInt()).isEqualTo(600);
            assertThat(added.path("errors").asInt()).isZero();
            assertThat(iterations(pages)).containsExactlyInAnyOrderElementsOf(range(600));
            assertThat(server.stored("task", task).get("last_iteration")).isEqualTo(599);
        }
    }

    private static ObjectNode scalar(String task, int iter) {
        return ApiJson.object().put("task", task).put("type", "training_stats_scalar").put("metric", "loss")
                .put("variant", "train").put("iter", iter).put("value", 1.0 / (iter + 1))
                .put("timestamp", 1_700_000_000_000L + iter);
    }
}
