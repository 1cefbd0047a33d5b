package clearml.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exercises the ClearML API stand-in, not ClearML's apiserver: list calls cap their pages as the real server does
 * (500, whatever {@code page_size} asks), and only {@code scroll_id} with {@code size} pages past them.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class ListPagingTest {

    private static final int TASKS = 620;

    private StandInServer server;

    @BeforeEach
    void freshServerWithManyTasks(@TargetServer Sandbox target, @TargetServer ApiStandIn api) {
        server = StandInServer.fresh(target, api);
        List<Document> tasks = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            tasks.add(new Document("_id", String.format("%032x", i)).append("company", StandInServer.COMPANY)
                    .append("name", "task " + i).append("type", "training").append("status", "completed")
                    .append("system_tags", i % 100 == 0 ? List.of("hidden") : List.of()).append("created", new Date()));
        }
        try (MongoClient mongo = MongoClients.create(target.mongoUri())) {
            mongo.getDatabase("backend").getCollection("task").insertMany(tasks);
        }
    }

    @Test
    void aListWithoutPagingOrWithABiggerPageStopsAt500() {
        assertThat(tasks("{\"search_hidden\": true}")).hasSize(500);
        assertThat(tasks("{\"search_hidden\": true, \"page_size\": 1000}")).hasSize(500);
        assertThat(tasks("{\"search_hidden\": true, \"page\": 1, \"page_size\": 1000}")).hasSize(TASKS - 500);
    }

    @Test
    void sizeAloneIsCutTo500AndGivesNoScrollId() {
        ApiClient.Answer answer = server.client.call(server.userToken, "tasks.get_all_ex",
                "{\"search_hidden\": true, \"size\": 1000}");

        assertThat(answer.data().path("tasks")).hasSize(500);
        assertThat(answer.data().has("scroll_id")).isFalse();
    }

    @Test
    void scrollPagingReturnsEveryTaskExactlyOnce() {
        Set<String> seen = new HashSet<>();
        int calls = 0;
        String scrollId = null;
        while (true) {
            String body = "{\"search_hidden\": true, \"size\": 150, \"only_fields\": [\"id\"], \"scroll_id\": "
                    + (scrollId == null ? "null" : "\"" + scrollId + "\"") + "}";
            ApiClient.Answer page = server.client.call(server.userToken, "tasks.get_all_ex", body);
            scrollId = page.data().path("scroll_id").asText();
            calls++;
            if (page.data().path("tasks").isEmpty()) {
                break;
            }
            page.data().path("tasks").forEach(task -> assertThat(seen.add(task.path("id").asText())).isTrue());
        }
        assertThat(seen).hasSize(TASKS);
        assertThat(calls).isEqualTo(6);
    }

    @Test
    void hiddenTasksAreLeftOutUnlessAskedFor() {
        List<JsonNode> visible = new ArrayList<>();
        tasks("{\"page\": 0, \"page_size\": 500}").forEach(visible::add);
        tasks("{\"page\": 1, \"page_size\": 500}").forEach(visible::add);

        assertThat(visible).hasSize(TASKS - 7);
    }

    @Test
    void aStandInWithSmallerLimitsCutsPagesThere(@TargetServer Sandbox target) {
        try (ApiStandIn small = ApiStandIn.start(target, ApiLimits.DEFAULTS.withMaxPageSize(7))) {
            ApiClient client = new ApiClient(small.url());
            String token = client.login(small.userCredentials());

            assertThat(client.call(token, "tasks.get_all", "{\"page_size\": 100}").data().path("tasks")).hasSize(7);
        }
    }

    private JsonNode tasks(String body) {
        return server.client.call(server.userToken, "tasks.get_all", body).data().path("tasks");
    }
}
