package clearml.migrate.proof;

import clearml.migrate.events.EventIndexName;
import clearml.migrate.events.EventIndexNames;
import clearml.migrate.events.EventStore;
import clearml.migrate.events.EventType;
import clearml.migrate.proof.EntityComparison.Present;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the event counts per task (or model) and per type: the archive's, counted while each entity's events
 * were read for its expected document, with the target's, from one aggregation per batch over the company's event
 * indices (data model §2.1). The type is read from the index name, which is how ClearML separates types.
 */
final class EventComparison {

    private final EventStore events;
    private final String company;
    private final Differences differences;
    private final Map<String, Long> archivedByType = new HashMap<>();
    private long tasks;

    EventComparison(EventStore events, String company, Differences differences) {
        this.events = events;
        this.company = company;
        this.differences = differences;
    }

    /** Compares the tasks of one batch that the target has. */
    void compare(List<Present> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, Map<String, Long>> stored = storedCounts(batch.stream().map(Present::targetId).toList());
        for (Present task : batch) {
            task.archivedEvents().forEach((type, n) -> archivedByType.merge(type, n, Long::sum));
            compareTask(task.targetId(), task.archivedEvents(), stored.getOrDefault(task.targetId(), Map.of()));
            tasks++;
        }
    }

    private void compareTask(String taskId, Map<String, Long> archived, Map<String, Long> target) {
        Set<String> types = new TreeSet<>(archived.keySet());
        types.addAll(target.keySet());
        for (String type : types) {
            long expected = archived.getOrDefault(type, 0L);
            long actual = target.getOrDefault(type, 0L);
            if (expected != actual) {
                differences.add("events", taskId, type + ": archive " + expected + " ≠ target " + actual);
            }
        }
    }

    long tasks() {
        return tasks;
    }

    Map<String, Long> archivedByType() {
        return archivedByType;
    }

    /** Target task id to event type to count, in one search with a terms aggregation on task and index. */
    private Map<String, Map<String, Long>> storedCounts(List<String> taskIds) {
        String pattern = EventIndexNames.allTypes(company);
        events.refresh(pattern);
        JsonNode response = events.client().post("/" + pattern + "/_search?ignore_unavailable=true"
                + "&allow_no_indices=true", countQuery(taskIds));
        Map<String, Map<String, Long>> counts = new HashMap<>();
        for (JsonNode task : response.path("aggregations").path("tasks").path("buckets")) {
            Map<String, Long> types = counts.computeIfAbsent(task.path("key").asText(), k -> new HashMap<>());
            for (JsonNode index : task.path("indices").path("buckets")) {
                types.merge(typeOf(index.path("key").asText()), index.path("doc_count").asLong(), Long::sum);
            }
        }
        return counts;
    }

    private ObjectNode countQuery(List<String> taskIds) {
        ObjectNode body = events.client().mapper().createObjectNode().put("size", 0);
        ArrayNode ids = body.putObject("query").putObject("terms").putArray("task");
        taskIds.forEach(ids::add);
        ObjectNode byTask = body.putObject("aggs").putObject("tasks");
        byTask.putObject("terms").put("field", "task").put("size", taskIds.size());
        byTask.putObject("aggs").putObject("indices").putObject("terms").put("field", "_index").put("size", 100);
        return body;
    }

    /** The event type an index holds, from its name (data model §2.1); the name itself when it is not ClearML's. */
    private static String typeOf(String index) {
        return EventIndexNames.parse(index).map(EventIndexName::type).map(EventType::value).orElse(index);
    }
}
