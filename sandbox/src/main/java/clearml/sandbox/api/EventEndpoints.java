package clearml.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The events service ({@code services/events.py}) a migration client uses: {@code add}, {@code add_batch},
 * {@code get_task_events}, {@code get_task_log}, {@code scalar_metrics_iter_raw}, {@code delete_for_task} and
 * {@code delete_for_model}. Scroll ids are JWTs signed with the server's default {@code scroll_id_key}, holding
 * the next key value, the total and the request, as the server's are.
 */
final class EventEndpoints {

    /** {@code services.events.events_retrieval.scroll_id_key}'s default. */
    private static final Jwt SCROLLS = new Jwt("1234567890".getBytes(StandardCharsets.UTF_8));

    private final Store store;
    private final EventStore events;
    private final EventIngest ingest;
    private final EventPages pages;
    private final ApiLimits limits;

    EventEndpoints(Store store, EventStore events, EventIngest ingest, ApiLimits limits) {
        this.store = store;
        this.events = events;
        this.ingest = ingest;
        this.pages = new EventPages(events);
        this.limits = limits;
    }

    void register(EndpointTable table) {
        table.add("events.add", call -> ingest.add(call, List.of(call.data().deepCopy())));
        table.add("events.add_batch", this::addBatch);
        table.add("events.get_task_events", this::getTaskEvents);
        table.add("events.get_task_log", "2.9", this::getTaskLog);
        table.add("events.scalar_metrics_iter_raw", "2.16", this::scalarMetricsIterRaw);
        table.add("events.delete_for_task", this::deleteForTask);
        table.add("events.delete_for_model", this::deleteForModel);
    }

    private JsonNode addBatch(ApiCall call) {
        List<ObjectNode> batch = call.batchedData();
        if (batch.isEmpty()) {
            throw ApiError.BATCH_CONTAINS_NO_ITEMS.with();
        }
        return ingest.add(call, batch);
    }

    /** The index company of a task or model the caller may read: its company, else its origin (data model §1.2). */
    private String indexCompany(ApiCall call, String id, boolean model) {
        Document entity = Entities.existing(model ? store.models() : store.tasks(), call.company(), List.of(id), true,
                model ? ApiError.INVALID_MODEL_ID : ApiError.INVALID_TASK_ID).get(0);
        String company = entity.getString("company");
        return company.isEmpty() ? entity.get("company_origin", "") : company;
    }

    /**
     * A call's request, or the request its scroll id holds ({@code batch_size} taken from the call when it names
     * one), where to go on from, and the total counted before; {@code exhausted} once the scroll met the end.
     */
    private record Resumed(ObjectNode request, @Nullable Object from, @Nullable Long total, boolean exhausted) {
    }

    private static Resumed resume(ApiCall call, @Nullable Object firstFrom) {
        ObjectNode request = call.data().deepCopy();
        String scrollId = call.string("scroll_id");
        if (scrollId == null || scrollId.isEmpty()) {
            return new Resumed(request, firstFrom, null, false);
        }
        ObjectNode scroll = decodeScroll(scrollId);
        Long total = scroll.path("total").isNumber() ? scroll.path("total").asLong() : null;
        ObjectNode stored = scroll.path("request") instanceof ObjectNode kept ? kept : Json.object();
        if (request.hasNonNull("batch_size")) {
            stored.set("batch_size", request.get("batch_size"));
        }
        boolean exhausted = !scroll.hasNonNull("from_key_value");
        return new Resumed(stored, exhausted ? null : scroll.path("from_key_value").asLong(), total, exhausted);
    }

    private JsonNode getTaskEvents(ApiCall call) {
        Resumed resumed = resume(call, "desc".equals(call.string("order", "asc")) ? null : 0L);
        if (resumed.exhausted()) {
            return response(0, resumed.total(), call.string("scroll_id", "")).set("events", Json.NODES.arrayNode());
        }
        ObjectNode request = resumed.request();
        String task = request.hasNonNull("task") ? request.get("task").asText() : call.required("task");
        String index = EventStore.index(indexCompany(call, task, request.path("model_events").asBoolean(false)),
                request.path("event_type").asText(EventStore.ALL_TYPES));
        JsonNode metrics = request.get("metrics");
        Long total = resumed.total();
        if (request.path("count_total").asBoolean(true) && total == null) {
            total = pages.count(index, task, metrics);
        }
        int batchSize = Math.min(request.path("batch_size").asInt(500), limits.maxEventsPerCall());
        EventPages.Page page = pages.read(index, task, metrics, "iter",
                "desc".equals(request.path("order").asText("asc")), resumed.from(), batchSize);
        ObjectNode scroll = scroll(lastKey(page.events(), "iter"), total, request);
        ObjectNode answer = response(page.events().size(), total, SCROLLS.encode(scroll));
        answer.set("events", array(page.events()));
        return answer;
    }

    private JsonNode getTaskLog(ApiCall call) {
        String task = call.required("task");
        String index = EventStore.index(indexCompany(call, task, false), "log");
        boolean earlier = call.flag("navigate_earlier", true);
        Integer batch = call.integer("batch_size");
        EventPages.Page page = pages.read(index, task, call.data().get("metrics"), "timestamp", earlier,
                call.data().hasNonNull("from_timestamp") ? call.data().get("from_timestamp").asLong() : null,
                Math.min(batch == null ? 5000 : batch, limits.maxEventsPerCall()));
        List<ObjectNode> found = new java.util.ArrayList<>(page.events());
        String order = call.string("order");
        if (order != null && (earlier ? "asc".equals(order) : "desc".equals(order))) {
            Collections.reverse(found);
        }
        ObjectNode answer = Json.object();
        answer.set("events", array(found));
        return answer.put("returned", found.size()).put("total", page.total());
    }

    /** {@code scalar_metrics_iter_raw}: one metric's scalars as {@code {variant: {y: [...], <key>: [...]}}}. */
    private JsonNode scalarMetricsIterRaw(ApiCall call) {
        Integer requestedBatch = call.integer("batch_size");
        if (requestedBatch != null && requestedBatch < 0) {
            throw ApiError.VALIDATION_ERROR.withExtra("batch_size should be non negative number");
        }
        Resumed resumed = resume(call, null);
        if (resumed.exhausted()) {
            return response(0, resumed.total(), call.string("scroll_id", "")).set("variants", Json.object());
        }
        ObjectNode request = call.data().deepCopy();
        request.put("batch_size", requestedBatch != null && requestedBatch > 0 ? requestedBatch
                : resumed.request().path("batch_size").asInt(10_000));
        String task = call.required("task");
        if (!request.path("metric").isObject()) {
            throw ApiError.VALIDATION_ERROR.withExtra("error for field 'metric'. field is required!");
        }
        JsonNode metrics = Json.NODES.arrayNode().add(request.path("metric"));
        String index = EventStore.index(indexCompany(call, task, call.flag("model_events", false)),
                "training_stats_scalar");
        Long total = resumed.total();
        if (request.path("count_total").asBoolean(false) && total == null) {
            total = pages.count(index, task, metrics);
        }
        String key = request.path("key").asText("iter");
        String field = "iter".equals(key) ? "iter" : "timestamp";
        List<ObjectNode> found = readRounds(index, task, metrics, field, resumed.from(),
                Math.min(request.path("batch_size").asInt(), limits.maxRawScalars()));
        ObjectNode answer = response(found.size(), total,
                SCROLLS.encode(scroll(lastKey(found, field), total, request)));
        answer.set("variants", variants(found, field, key));
        return answer;
    }

    /** Up to {@code batch} events in pages of at most 10 000, each going on from the last key read. */
    private List<ObjectNode> readRounds(String index, String task, JsonNode metrics, String field,
                                        @Nullable Object from, int batch) {
        List<ObjectNode> found = new java.util.ArrayList<>();
        Object next = from;
        for (int round = 0; round < (batch + 9_999) / 10_000; round++) {
            List<ObjectNode> page = pages.read(index, task, metrics, field, false, next, Math.min(batch, 10_000))
                    .events();
            if (page.isEmpty()) {
                break;
            }
            found.addAll(page);
            next = page.get(page.size() - 1).path(field).asText();
        }
        return found;
    }

    private static ObjectNode variants(List<ObjectNode> found, String field, String key) {
        Map<String, ObjectNode> byVariant = new LinkedHashMap<>();
        for (ObjectNode event : found) {
            ObjectNode lists = byVariant.computeIfAbsent(event.path("variant").asText(), v -> {
                ObjectNode empty = Json.object();
                empty.putArray("y");
                empty.putArray(key);
                return empty;
            });
            ((ArrayNode) lists.get("y")).add(event.path("value"));
            ((ArrayNode) lists.get(key)).add(event.path(field));
        }
        ObjectNode variants = Json.object();
        byVariant.forEach(variants::set);
        return variants;
    }

    private JsonNode deleteForTask(ApiCall call) {
        String id = call.required("task");
        Document task = Entities.writable(store.tasks(), id, call.company(), "task", ApiError.INVALID_TASK_ID);
        if (!call.flag("allow_locked", false)
                && List.of("publishing", "published").contains(task.getString("status"))) {
            throw ApiError.INVALID_TASK_ID.replacing("Cannot update events for a published task",
                    "company", call.company(), "id", id);
        }
        return Json.object().put("deleted", events.deleteFor(call.company(), List.of(id)));
    }

    private JsonNode deleteForModel(ApiCall call) {
        String id = call.required("model");
        Document model = Entities.existing(store.models(), call.company(), List.of(id), false,
                ApiError.INVALID_MODEL_ID).get(0);
        if (!call.flag("allow_locked", false) && model.getBoolean("ready", false)) {
            throw ApiError.INVALID_MODEL_ID.replacing("Cannot update events for a published model",
                    "company", call.company(), "id", id);
        }
        return Json.object().put("deleted", events.deleteFor(call.company(), List.of(id)));
    }

    private static ObjectNode decodeScroll(String scrollId) {
        try {
            return SCROLLS.decode(scrollId);
        } catch (RuntimeException e) {
            throw ApiError.INVALID_SCROLL_ID.with("scroll_id", scrollId);
        }
    }

    private static @Nullable String lastKey(List<ObjectNode> found, String field) {
        if (found.isEmpty() || !found.get(found.size() - 1).hasNonNull(field)) {
            return null;
        }
        return found.get(found.size() - 1).get(field).asText();
    }

    private static ObjectNode scroll(@Nullable String fromKeyValue, @Nullable Long total, ObjectNode request) {
        ObjectNode scroll = Json.object().put("from_key_value", fromKeyValue).put("total", total);
        ObjectNode kept = request.deepCopy();
        kept.remove("scroll_id");
        scroll.set("request", kept);
        return scroll;
    }

    private static ObjectNode response(int returned, @Nullable Long total, String scrollId) {
        return Json.object().put("returned", returned).put("total", total).put("scroll_id", scrollId);
    }

    private static ArrayNode array(List<ObjectNode> found) {
        ArrayNode array = Json.NODES.arrayNode();
        found.forEach(array::add);
        return array;
    }
}
