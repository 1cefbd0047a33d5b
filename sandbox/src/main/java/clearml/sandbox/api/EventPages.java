package clearml.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One page of a task's (or model's) events as {@code EventsIterator._get_events} reads it: up to {@code size}
 * events sorted on one key ({@code iter} or {@code timestamp}), after {@code from} when {@code from} is neither null
 * nor 0 (the server tests it for truth), then every further event that shares the last event's key value (at most
 * 10 000), so a page never splits a key value. The events come back as stored: a compressed plot keeps its
 * {@code plot_data}.
 */
final class EventPages {

    private final EventStore store;

    EventPages(EventStore store) {
        this.store = store;
    }

    /** A page and the engine's hit count for its first query. */
    record Page(List<ObjectNode> events, long total) {
    }

    Page read(String index, String entity, @Nullable JsonNode metrics, String key, boolean descending,
              @Nullable Object from, int size) {
        List<JsonNode> must = must(entity, metrics);
        ObjectNode body = Json.object().put("size", size);
        body.set("query", must.size() == 1 ? must.get(0) : bool(must));
        body.putObject("sort").putObject(key).put("order", descending ? "desc" : "asc").put("unmapped_type", "long");
        if (isTrue(from)) {
            body.putArray("search_after").add(Json.toJson(from));
        }
        JsonNode hits = store.search(index, body).path("hits");
        long total = hits.path("total").path("value").asLong(hits.path("total").asLong());
        List<ObjectNode> events = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode hit : hits.path("hits")) {
            events.add((ObjectNode) hit.path("_source"));
            ids.add(hit.path("_id").asText());
        }
        if (!events.isEmpty()) {
            events.addAll(sameKey(index, must, key, events.get(events.size() - 1).get(key), ids));
        }
        return new Page(events, total);
    }

    long count(String index, String entity, @Nullable JsonNode metrics) {
        List<JsonNode> must = must(entity, metrics);
        return store.count(index, must.size() == 1 ? must.get(0) : bool(must));
    }

    private List<ObjectNode> sameKey(String index, List<JsonNode> must, String key, @Nullable JsonNode value,
                                     Set<String> seen) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        List<JsonNode> conditions = new ArrayList<>(must);
        conditions.add(term(key, value));
        ObjectNode body = Json.object().put("size", 10_000);
        body.set("query", bool(conditions));
        JsonNode hits = store.search(index, body).path("hits").path("hits");
        List<ObjectNode> more = new ArrayList<>();
        if (hits.size() < 2) {
            return more;
        }
        for (JsonNode hit : hits) {
            if (!seen.contains(hit.path("_id").asText())) {
                more.add((ObjectNode) hit.path("_source"));
            }
        }
        return more;
    }

    /** Python truth of a key value: null, 0 and "" are false. */
    private static boolean isTrue(@Nullable Object from) {
        if (from instanceof Number number) {
            return number.doubleValue() != 0;
        }
        return from != null && !"".equals(from);
    }

    private static List<JsonNode> must(String entity, @Nullable JsonNode metrics) {
        List<JsonNode> must = new ArrayList<>(List.of(term("task", Json.NODES.textNode(entity))));
        if (metrics != null && metrics.isArray() && !metrics.isEmpty()) {
            must.add(metricCondition(metrics));
        }
        return must;
    }

    /** {@code get_metric_variants_condition}: any of the metrics, each limited to its variants when it names some. */
    private static JsonNode metricCondition(JsonNode metrics) {
        ArrayNode should = Json.NODES.arrayNode();
        for (JsonNode metric : metrics) {
            JsonNode metricTerm = term("metric", metric.path("metric"));
            JsonNode variants = metric.path("variants");
            if (variants.isArray() && !variants.isEmpty()) {
                ObjectNode terms = Json.object();
                terms.putObject("terms").set("variant", variants);
                should.add(bool(List.of(metricTerm, terms)));
            } else {
                should.add(metricTerm);
            }
        }
        ObjectNode condition = Json.object();
        condition.putObject("bool").set("should", should);
        return condition;
    }

    private static ObjectNode term(String field, JsonNode value) {
        ObjectNode term = Json.object();
        term.putObject("term").set(field, value);
        return term;
    }

    private static ObjectNode bool(List<JsonNode> must) {
        ObjectNode bool = Json.object();
        ArrayNode array = bool.putObject("bool").putArray("must");
        must.forEach(array::add);
        return bool;
    }
}
