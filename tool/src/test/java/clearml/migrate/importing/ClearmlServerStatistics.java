package clearml.migrate.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * A line-by-line transcription, for tests only, of what a ClearML server does to a task or model document when one
 * {@code events.add_batch} call brings it events: {@code EventBLL.add_events} with
 * {@code _update_last_scalar_events_for_task} and {@code _update_last_metric_events_for_task}, then
 * {@code TaskBLL.update_statistics}/{@code ModelBLL.update_statistics} and {@code get_last_metric_updates}, applied
 * to the document as MongoDB applies the update (the {@code $cond}, {@code $round} and {@code $addToSet}
 * pipeline of 2.x; {@code $min}/{@code $max}/{@code $set} of 1.x). Python's dicts are {@link LinkedHashMap}s here,
 * so iteration orders match. Written from the server's code, not from the tool's, so the tests compare two
 * independent readings.
 */
public final class ClearmlServerStatistics {

    private static final Set<String> SKIP_ITERATION = Set.of(":monitor:machine", ":monitor:gpu");
    private static final int MAX_LAST_METRICS = 2000;

    private final boolean version2;

    private ClearmlServerStatistics(boolean version2) {
        this.version2 = version2;
    }

    /** A 2.x server. */
    public static ClearmlServerStatistics version2() {
        return new ClearmlServerStatistics(true);
    }

    /** A 1.x server (1.8–1.17). */
    public static ClearmlServerStatistics version1() {
        return new ClearmlServerStatistics(false);
    }

    /** A fresh task (or model) document's statistics after one batch: the defaults, then the update. */
    public Document fresh(List<ObjectNode> events, boolean model) {
        Document entity = new Document("last_iteration", 0).append("last_metrics", new Document());
        if (version2) {
            entity.append("unique_metrics", new ArrayList<>());
        }
        if (!model) {
            entity.append("metric_stats", new Document());
        }
        if (!model || version2) {
            addBatch(entity, events, model);
        }
        return entity;
    }

    /** Applies one {@code add_events} call with these events (copied, as sent) to {@code entity}, in place. */
    public void addBatch(Document entity, List<ObjectNode> sent, boolean model) {
        Long iterMax = null;
        Map<String, Map<String, Map<String, Object>>> lastScalarEvents = new LinkedHashMap<>();
        Map<String, Map<String, ObjectNode>> lastEvents = new LinkedHashMap<>();
        for (ObjectNode original : sent) {
            ObjectNode event = original.deepCopy();
            JsonNode xAxisLabel = version2 ? event.remove("x_axis_label") : null;
            String type = event.get("type").asText();
            if (model && type.equals("log")) {
                continue;
            }
            event.put("metric", event.path("metric").asText(""));
            event.put("variant", event.path("variant").asText(""));
            JsonNode iter = event.get("iter");
            if (iter != null && !iter.isNull() && !SKIP_ITERATION.contains(event.get("metric").asText())
                    && (version2 || !model)) {
                iterMax = Math.max(iter.asLong(), iterMax == null ? 0 : iterMax);
            }
            if (!model) {
                updateLastMetricEvents(lastEvents, event);
            }
            if (type.equals("training_stats_scalar")) {
                if (version2) {
                    updateLastScalarEvents2(lastScalarEvents, event, xAxisLabel);
                } else {
                    updateLastScalarEvents1(lastScalarEvents, event);
                }
            }
        }
        if (iterMax != null) {
            long current = ((Number) entity.getOrDefault("last_iteration", 0)).longValue();
            entity.put("last_iteration", pythonInt(Math.max(current, iterMax)));
        }
        applyScalarUpdates(entity, lastScalarEvents);
        if (!model) {
            entity.put("metric_stats", metricStats(lastEvents));
        }
    }

    /** {@code _update_last_metric_events_for_task}: per metric and type, the event with the newest timestamp. */
    private void updateLastMetricEvents(Map<String, Map<String, ObjectNode>> lastEvents, ObjectNode event) {
        String metric = event.get("metric").asText();
        if (!version2 && metric.isEmpty()) {
            return;
        }
        Map<String, ObjectNode> byType = lastEvents.computeIfAbsent(metric, m -> new LinkedHashMap<>());
        ObjectNode stored = byType.get(event.get("type").asText());
        if (stored == null || stored.get("timestamp").asLong() < event.get("timestamp").asLong()) {
            byType.put(event.get("type").asText(), event);
        }
    }

    /** {@code _update_last_scalar_events_for_task} of 2.x. */
    private static void updateLastScalarEvents2(Map<String, Map<String, Map<String, Object>>> lastEvents,
            ObjectNode event, JsonNode xAxisLabel) {
        JsonNode value = event.get("value");
        if (value == null || value.isNull()) {
            return;
        }
        String metric = event.get("metric").asText();
        String variant = event.get("variant").asText();
        Map<String, Object> last = lastEvents.computeIfAbsent(md5(metric), k -> new LinkedHashMap<>())
                .computeIfAbsent(md5(variant), k -> new LinkedHashMap<>());
        last.put("metric", metric);
        last.put("variant", variant);
        last.put("count", (Integer) last.getOrDefault("count", 0) + 1);
        last.put("total", (Double) last.getOrDefault("total", 0.0) + value.asDouble());
        long eventIter = event.path("iter").asLong(0);
        long eventTimestamp = event.path("timestamp").asLong(0);
        long lastIter = (Long) last.getOrDefault("iter", eventIter);
        long lastTimestamp = (Long) last.getOrDefault("timestamp", eventTimestamp);
        if (eventIter > lastIter || eventIter == lastIter && eventTimestamp >= lastTimestamp) {
            last.put("value", value.numberValue());
            last.put("iter", eventIter);
            last.put("timestamp", eventTimestamp);
            if (xAxisLabel != null) {
                last.put("x_axis_label", xAxisLabel.asText());
            }
        }
        Long firstIter = (Long) last.get("first_value_iter");
        if (firstIter == null || eventIter < firstIter) {
            last.put("first_value", value.numberValue());
            last.put("first_value_iter", eventIter);
        }
        Number min = (Number) last.get("min_value");
        if (min == null || value.asDouble() < min.doubleValue()) {
            last.put("min_value", value.numberValue());
            last.put("min_value_iter", eventIter);
        }
        Number max = (Number) last.get("max_value");
        if (max == null || value.asDouble() > max.doubleValue()) {
            last.put("max_value", value.numberValue());
            last.put("max_value_iter", eventIter);
        }
    }

    /** {@code _update_last_scalar_events_for_task} of 1.x: only an event not older than the last one counts. */
    private static void updateLastScalarEvents1(Map<String, Map<String, Map<String, Object>>> lastEvents,
            ObjectNode event) {
        String metric = event.get("metric").asText();
        String variant = event.get("variant").asText();
        if (metric.isEmpty() || variant.isEmpty()) {
            return;
        }
        Map<String, Map<String, Object>> variants = lastEvents.computeIfAbsent(md5(metric), k -> new LinkedHashMap<>());
        Map<String, Object> last = variants.getOrDefault(md5(variant), Map.of());
        long eventIter = event.path("iter").asLong(0);
        long eventTimestamp = event.path("timestamp").asLong(0);
        JsonNode value = event.get("value");
        long lastIter = (Long) last.getOrDefault("iter", eventIter);
        long lastTimestamp = (Long) last.getOrDefault("timestamp", eventTimestamp);
        if (value != null && (eventIter > lastIter || eventIter == lastIter && eventTimestamp >= lastTimestamp)) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("value", value.numberValue());
            data.put("metric", metric);
            data.put("variant", variant);
            data.put("iter", eventIter);
            data.put("timestamp", eventTimestamp);
            Number min = (Number) last.getOrDefault("min_value", value.numberValue());
            boolean lower = value.asDouble() < min.doubleValue();
            data.put("min_value", lower ? value.numberValue() : min);
            data.put("min_value_iter", lower ? eventIter : last.getOrDefault("min_value_iter", eventIter));
            Number max = (Number) last.getOrDefault("max_value", value.numberValue());
            boolean higher = value.asDouble() > max.doubleValue();
            data.put("max_value", higher ? value.numberValue() : max);
            data.put("max_value_iter", higher ? eventIter : last.getOrDefault("max_value_iter", eventIter));
            variants.put(md5(variant), data);
        }
    }

    /** {@code get_last_metric_updates} (2.x) or the 1.x {@code update_statistics}, as MongoDB applies them. */
    private void applyScalarUpdates(Document entity, Map<String, Map<String, Map<String, Object>>> lastEvents) {
        Set<String> total = new LinkedHashSet<>();
        List<String> newMetrics = new ArrayList<>();
        Document lastMetrics = entity.get("last_metrics", Document.class);
        for (Map.Entry<String, Map<String, Map<String, Object>>> metric : lastEvents.entrySet()) {
            for (Map.Entry<String, Map<String, Object>> variant : metric.getValue().entrySet()) {
                Map<String, Object> data = variant.getValue();
                String name = data.get("metric") + "/" + data.get("variant");
                if (version2 && total.size() >= MAX_LAST_METRICS && !total.contains(name)) {
                    continue;
                }
                total.add(name);
                newMetrics.add(name);
                Document stored = (Document) ((Document) lastMetrics.computeIfAbsent(metric.getKey(),
                        k -> new Document())).computeIfAbsent(variant.getKey(), k -> new Document());
                applyEntry(stored, data);
            }
        }
        if (version2) {
            @SuppressWarnings("unchecked")
            List<String> unique = (List<String>) entity.get("unique_metrics");
            newMetrics.stream().filter(name -> !unique.contains(name)).forEach(unique::add);
        }
    }

    private void applyEntry(Document stored, Map<String, Object> data) {
        for (String key : List.of("metric", "variant", "value", "x_axis_label")) {
            if (data.containsKey(key)) {
                stored.put(key, data.get(key));
            }
        }
        conditional(stored, "min", data, (old, value) -> old.doubleValue() > value.doubleValue());
        conditional(stored, "max", data, (old, value) -> old.doubleValue() < value.doubleValue());
        if (version2) {
            conditional(stored, "first", data, (old, value) -> false);
            int count = stored.get("count") == null ? 0 : ((Number) stored.get("count")).intValue();
            double mean = stored.get("mean_value") == null ? 0 : ((Number) stored.get("mean_value")).doubleValue();
            int added = (Integer) data.get("count");
            stored.put("mean_value", round2((mean * count + (Double) data.get("total")) / (count + added)));
            stored.put("count", count + added);
        }
    }

    /** The {@code $cond} of {@code add_last_metric_conditional_update}: replace when unset or when better. */
    private static void conditional(Document stored, String prefix, Map<String, Object> data, Better better) {
        Number value = (Number) data.get(prefix + "_value");
        Number old = (Number) stored.get(prefix + "_value");
        if (old == null || better.test(old, value)) {
            stored.put(prefix + "_value", value);
            stored.put(prefix + "_value_iteration", pythonInt((Long) data.get(prefix + "_value_iter")));
        }
    }

    @FunctionalInterface
    private interface Better {
        boolean test(Number old, Number value);
    }

    private static Document metricStats(Map<String, Map<String, ObjectNode>> lastEvents) {
        Document stats = new Document();
        lastEvents.forEach((metric, byType) -> {
            Document types = new Document();
            byType.forEach((type, event) -> types.put(type, new Document("last_update",
                    event.get("timestamp").asLong())));
            stats.put(md5(metric), new Document("metric", metric).append("event_stats_by_type", types));
        });
        return stats;
    }

    /**
     * MongoDB's {@code $round: [x, 2]} on a double ({@code evaluateRoundOrTrunc}): {@code Decimal128(x,
     * kRoundTo34Digits).quantize(0.01, kRoundTiesToEven)}, NaN when the quantized value needs more than 34 digits.
     */
    static double round2(double x) {
        if (!Double.isFinite(x)) {
            return x;
        }
        BigDecimal decimal = new BigDecimal(x).round(new MathContext(34, RoundingMode.HALF_EVEN));
        BigDecimal quantized = decimal.setScale(2, RoundingMode.HALF_EVEN);
        if (quantized.unscaledValue().abs().toString().length() > 34) {
            return Double.NaN;
        }
        double result = quantized.doubleValue();
        return result == 0 ? Math.copySign(0.0, x) : result;
    }

    /** pymongo stores a Python int as int32 when it fits, else int64. */
    private static Object pythonInt(long value) {
        if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            return (int) value;
        }
        return value;
    }

    /** ClearML's {@code hash_field_name}: md5 hex of the UTF-8 bytes. */
    public static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
