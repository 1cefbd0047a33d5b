package clearml.migrate.apitarget;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiJson;
import clearml.migrate.archive.EntityKind;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/** A task's or model's events on the server counted per type, paging {@code events.get_task_events}. */
final class ServerEvents {

    private static final int PAGE = 10_000;

    private ServerEvents() {
    }

    static Map<String, Long> countByType(ApiClient client, EntityKind kind, String targetId) {
        ObjectNode query = ApiJson.object().put("task", targetId).put("model_events", kind == EntityKind.MODEL);
        Map<String, Long> stored = new TreeMap<>();
        client.taskEvents(query, PAGE).forEachRemaining(event -> stored.merge(event.path("type").asText(), 1L,
                Long::sum));
        return stored;
    }
}
