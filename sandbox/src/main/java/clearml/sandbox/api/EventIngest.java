package clearml.sandbox.api;

import clearml.sandbox.Hashes;
import clearml.sandbox.PlotCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code events.add_batch} ({@code EventBLL.add_events}, data model §2.3–2.5): events of tasks (or, with
 * {@code model_event}, models) the caller may write and that are not published (not ready), normalized as the server
 * normalizes them, stored under the server's ids, then the entities' statistics rebuilt ({@link EntityStatistics}).
 */
final class EventIngest {

    static final Set<String> TYPES = Set.of("training_stats_scalar", "training_stats_vector",
            "training_debug_image", "plot", "log");
    private static final Pattern PLOT_SOURCE = Pattern.compile(
            "['\"]source['\"]:\\s?['\"]([a-z][a-z0-9+\\-.]*://.*?)['\"]", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter ES_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final List<String> ID_FIELDS = List.of("task", "iter", "metric", "variant", "key");
    /** Where an event's {@code x_axis_label} waits, out of the stored event, for the statistics. */
    private static final String X_AXIS_LABEL = "__x_axis_label";

    private final Store store;
    private final EventStore events;
    private final EntityStatistics statistics;
    private final int plotCompressionThreshold;

    EventIngest(Store store, EventStore events, EntityStatistics statistics, int plotCompressionThreshold) {
        this.store = store;
        this.events = events;
        this.statistics = statistics;
        this.plotCompressionThreshold = plotCompressionThreshold;
    }

    JsonNode add(ApiCall call, List<ObjectNode> batch) {
        Map<String, Boolean> taskIds = new LinkedHashMap<>();
        Map<String, Boolean> modelIds = new LinkedHashMap<>();
        collectEntities(batch, taskIds, modelIds);
        Set<String> validTasks = validTasks(call.company(), taskIds);
        Set<String> validModels = validModels(call.company(), modelIds);
        Pass pass = new Pass(call.company());
        long now = System.currentTimeMillis();
        for (ObjectNode event : batch) {
            String failure = normalize(event, validTasks, validModels, call.worker(), now);
            if (failure != null) {
                pass.errors.merge(failure, 1, Integer::sum);
            } else {
                pass.accept(event);
            }
        }
        int added = pass.queued == 0 ? 0 : events.bulk(pass.bulk.toString());
        if (pass.queued > added) {
            pass.errors.merge("Error when indexing events batch", pass.queued - added, Integer::sum);
        }
        updateStatistics(call, pass.tasks, pass.models);
        if (added == 0) {
            throw ApiError.EVENTS_NOT_ADDED.with(flatten(pass.errors));
        }
        ObjectNode answer = Json.object().put("added", added)
                .put("errors", pass.errors.values().stream().mapToInt(Integer::intValue).sum());
        answer.set("errors_info", Json.toJson(pass.errors));
        return answer;
    }

    /** What one {@code add_batch} collects as it goes through its events: refusals, statistics, index actions. */
    private static final class Pass {

        final String company;
        final Map<String, Integer> errors = new LinkedHashMap<>();
        final Map<String, EntityStatistics.Batch> tasks = new LinkedHashMap<>();
        final Map<String, EntityStatistics.Batch> models = new LinkedHashMap<>();
        final StringBuilder bulk = new StringBuilder();
        int queued;

        Pass(String company) {
            this.company = company;
        }

        void accept(ObjectNode event) {
            boolean model = event.path("model_event").asBoolean(false);
            Map<String, EntityStatistics.Batch> entities = model ? models : tasks;
            String id = event.path("task").asText();
            EntityStatistics.Batch stats = entities.computeIfAbsent(id,
                    key -> new EntityStatistics.Batch(null, new LinkedHashMap<>(), new LinkedHashMap<>()));
            entities.put(id, account(stats, event, model));
            appendAction(bulk, company, event);
            queued++;
        }
    }

    /** Which tasks and models the batch names, and whether each may be locked ({@code allow_locked}). */
    private static void collectEntities(List<ObjectNode> batch, Map<String, Boolean> tasks,
                                        Map<String, Boolean> models) {
        for (ObjectNode event : batch) {
            boolean model = event.path("model_event").asBoolean(false);
            if (model) {
                JsonNode modelId = event.remove("model");
                if (modelId != null && !modelId.isNull()) {
                    event.set("task", modelId);
                }
            } else {
                event.put("model_event", false);
            }
            boolean allowLocked = removeFlag(event, "allow_locked");
            String id = event.path("task").asText("");
            if (id.isEmpty()) {
                continue;
            }
            Boolean known = (model ? models : tasks).putIfAbsent(id, allowLocked);
            if (known != null && known != allowLocked) {
                throw ApiError.VALIDATION_ERROR.withExtra("Inconsistent allow_locked setting in the passed events for "
                        + id);
            }
        }
        Set<String> both = new LinkedHashSet<>(tasks.keySet());
        both.retainAll(models.keySet());
        if (!both.isEmpty()) {
            throw ApiError.VALIDATION_ERROR.withExtra("Inconsistent model_event setting in the passed events",
                    "tasks", new ArrayList<>(both));
        }
    }

    private static boolean removeFlag(ObjectNode event, String field) {
        JsonNode value = event.remove(field);
        return value != null && value.asBoolean(false);
    }

    /** {@code _get_valid_entities}: the company's own tasks, not published unless {@code allow_locked}. */
    private Set<String> validTasks(String company, Map<String, Boolean> ids) {
        Set<String> valid = new LinkedHashSet<>();
        store.tasks().find(Filters.and(Filters.in("_id", ids.keySet()), Filters.eq("company", company)))
                .forEach(task -> {
                    boolean locked = List.of("publishing", "published").contains(task.getString("status"));
                    if (!locked || ids.get(task.getString("_id"))) {
                        valid.add(task.getString("_id"));
                    }
                });
        return valid;
    }

    /** The company's models that are not ready, unless {@code allow_locked}. */
    private Set<String> validModels(String company, Map<String, Boolean> ids) {
        Set<String> valid = new LinkedHashSet<>();
        store.models().find(Filters.and(Filters.in("_id", ids.keySet()), Filters.eq("company", company)))
                .forEach(model -> {
                    if (!model.getBoolean("ready", false) || ids.get(model.getString("_id"))) {
                        valid.add(model.getString("_id"));
                    }
                });
        return valid;
    }

    /** Normalizes one event in place; answers why it is refused, or null. */
    private @Nullable String normalize(ObjectNode event, Set<String> validTasks, Set<String> validModels,
                                       String worker, long now) {
        JsonNode xAxisLabel = event.remove("x_axis_label");
        if (xAxisLabel != null) {
            event.set(X_AXIS_LABEL, xAxisLabel);
        }
        String refusal = refusal(event, validTasks, validModels);
        if (refusal != null) {
            return refusal;
        }
        stamp(event, worker, now);
        if ("plot".equals(event.path("type").asText())) {
            compressPlot(event);
        }
        return null;
    }

    private static @Nullable String refusal(ObjectNode event, Set<String> validTasks, Set<String> validModels) {
        if (!event.hasNonNull("type")) {
            return "Event must have a 'type' field";
        }
        String type = event.path("type").asText().replace(' ', '_');
        if (!TYPES.contains(type)) {
            return "Invalid event type " + type;
        }
        boolean model = event.path("model_event").asBoolean(false);
        if (model && "log".equals(type)) {
            return "Task log events are not supported for models";
        }
        if (!event.hasNonNull("task")) {
            return "Event must have a 'task' field";
        }
        String id = event.path("task").asText();
        if (!(model ? validModels : validTasks).contains(id)) {
            return "Invalid " + (model ? "model" : "task") + " id " + id;
        }
        event.put("type", type);
        return null;
    }

    /** The server's stamps: {@code @timestamp} now, {@code ts} renamed, defaults for the rest. */
    private static void stamp(ObjectNode event, String worker, long now) {
        event.put("@timestamp", ES_TIMESTAMP.format(Instant.ofEpochMilli(now)));
        JsonNode ts = event.remove("ts");
        if (ts != null) {
            event.set("timestamp", ts);
        }
        if (!event.has("timestamp")) {
            event.put("timestamp", now);
        }
        if (!event.has("worker")) {
            event.put("worker", worker);
        }
        if (event.hasNonNull("iter")) {
            event.put("iter", event.get("iter").asLong());
        }
        JsonNode values = event.remove("values");
        if (values != null) {
            event.set("value", values);
        }
        event.put("metric", event.path("metric").asText(""));
        event.put("variant", event.path("variant").asText(""));
    }

    /** {@code validate_and_compress_plots}: {@code plot_len}, {@code source_urls}, and compression at the threshold. */
    private void compressPlot(ObjectNode event) {
        String plotStr = event.path("plot_str").isTextual() ? event.path("plot_str").asText() : "";
        if (plotStr.isEmpty()) {
            event.put("plot_len", 0);
            return;
        }
        int length = PlotCodec.length(plotStr);
        event.put("plot_len", length);
        Set<String> urls = new LinkedHashSet<>();
        Matcher matcher = PLOT_SOURCE.matcher(plotStr);
        while (matcher.find()) {
            urls.add(matcher.group(1));
        }
        if (!urls.isEmpty()) {
            event.set("source_urls", Json.toJson(new ArrayList<>(urls)));
        }
        if (plotCompressionThreshold > 0 && length >= plotCompressionThreshold) {
            event.put("plot_data", PlotCodec.compress(plotStr));
            event.remove("plot_str");
        }
    }

    /** Adds a valid event to its entity's share of the batch. */
    private static EntityStatistics.Batch account(EntityStatistics.Batch stats, ObjectNode event, boolean model) {
        Long iterMax = stats.iterMax();
        if (event.hasNonNull("iter")) {
            long iter = event.get("iter").asLong();
            iterMax = iterMax == null ? Math.max(iter, 0) : Math.max(iterMax, iter);
        }
        String metric = event.path("metric").asText();
        long timestamp = event.path("timestamp").asLong();
        if (!model) {
            stats.lastTimestamps().computeIfAbsent(metric, key -> new LinkedHashMap<>())
                    .merge(event.path("type").asText(), timestamp, Math::max);
        }
        JsonNode xAxisLabel = event.remove(X_AXIS_LABEL);
        if ("training_stats_scalar".equals(event.path("type").asText()) && event.hasNonNull("value")) {
            String variant = event.path("variant").asText();
            stats.scalars().computeIfAbsent(Hashes.md5(metric), key -> new LinkedHashMap<>())
                    .computeIfAbsent(Hashes.md5(variant), key -> new ScalarSummary(metric, variant))
                    .add(event.get("value").asDouble(), event.path("iter").asLong(0),
                            event.path("timestamp").asDouble(0), xAxisLabel == null ? null : xAxisLabel.asText());
        }
        return new EntityStatistics.Batch(iterMax, stats.scalars(), stats.lastTimestamps());
    }

    /** The index action: non-log events under the server's md5 id (so a resend overwrites), logs under a new id. */
    private static void appendAction(StringBuilder bulk, String company, ObjectNode event) {
        String type = event.path("type").asText();
        ObjectNode action = Json.object();
        action.putObject("index").put("_index", EventStore.index(company, type)).put("_id", eventId(event));
        bulk.append(action).append('\n').append(event).append('\n');
    }

    /** {@code EventBLL._get_event_id} (data model §2.4). */
    static String eventId(ObjectNode event) {
        if ("log".equals(event.path("type").asText())) {
            return UUID.randomUUID().toString().replace("-", "");
        }
        List<String> parts = new ArrayList<>();
        for (String field : ID_FIELDS) {
            if (event.has(field)) {
                JsonNode value = event.get(field);
                parts.add(value.isNull() ? "None" : value.isTextual() ? value.asText() : value.toString());
            }
        }
        return Hashes.md5(String.join("-", parts));
    }

    private void updateStatistics(ApiCall call, Map<String, EntityStatistics.Batch> tasks,
                                  Map<String, EntityStatistics.Batch> models) {
        Date now = new Date();
        models.forEach((id, batch) -> statistics.updateModel(store.models(), id, call.user(), now, batch));
        tasks.forEach((id, batch) -> statistics.updateTask(store.tasks(), id, call.company(), call.user(), now,
                batch));
    }

    private static Object[] flatten(Map<String, Integer> errors) {
        List<Object> keyValues = new ArrayList<>();
        errors.forEach((error, count) -> {
            keyValues.add(error);
            keyValues.add(count);
        });
        return keyValues.toArray();
    }

}
