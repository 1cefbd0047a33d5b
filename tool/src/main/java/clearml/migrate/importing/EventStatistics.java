package clearml.migrate.importing;

import clearml.migrate.events.EventType;
import clearml.migrate.mongo.HashedKeys;
import clearml.migrate.mongo.ServerGeneration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The statistics a ClearML server keeps on a task or model from its events, computed as the target's server line
 * computes them when a fresh entity receives exactly these events in one batch (ClearML's {@code add_events} with
 * {@code update_statistics}, data model §2, §5.6): {@code last_iteration}, {@code last_metrics},
 * {@code unique_metrics} and, for tasks, {@code metric_stats}. Events are folded one at a time, in archive order,
 * so memory holds one entry per metric, not the events.
 *
 * <p>The rules per line: the iteration of every event counts but {@code :monitor:machine}/{@code :monitor:gpu}
 * ({@code services.events.ignore_iteration}); 2.x keeps at most {@value #MAX_METRICS} metric/variant pairs
 * ({@code services.tasks.max_last_metrics}), counts log events (metric {@code ""}) in {@code metric_stats} and
 * keeps statistics on models, skipping their log events as it rejects them; 1.x keeps no model statistics, no
 * {@code unique_metrics}, and skips events whose metric or variant is empty.
 */
public final class EventStatistics {

    static final int MAX_METRICS = 2000;
    private static final Set<String> NO_ITERATION = Set.of(":monitor:machine", ":monitor:gpu");

    private final ServerGeneration generation;
    private final boolean model;
    private final Map<String, Map<String, MetricSeries>> series = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> lastUpdates = new LinkedHashMap<>();
    private @Nullable Long maxIteration;

    EventStatistics(ServerGeneration generation, boolean model) {
        this.generation = generation;
        this.model = model;
    }

    /** Folds one event, normalised as the import stores it; {@code xAxisLabel} is the label 2.x takes out of it. */
    void add(ObjectNode event, EventType type, @Nullable String xAxisLabel) {
        if (model && (generation == ServerGeneration.V1 || type == EventType.LOG)) {
            return;
        }
        String metric = event.path("metric").asText("");
        iteration(event, metric);
        if (!model && (generation == ServerGeneration.V2 || !metric.isEmpty())) {
            lastUpdates.computeIfAbsent(metric, m -> new LinkedHashMap<>())
                    .merge(type.value(), timestamp(event), Math::max);
        }
        if (type == EventType.TRAINING_STATS_SCALAR) {
            scalar(event, metric, event.path("variant").asText(""), xAxisLabel);
        }
    }

    /** The highest iteration counted, or null when no event had one. */
    @Nullable Long lastIteration() {
        return maxIteration;
    }

    /** {@code last_metrics}: md5(metric) to md5(variant) to entry; within 2.x's cap. */
    Document lastMetrics() {
        Document lastMetrics = new Document();
        for (MetricSeries one : capped()) {
            ((Document) lastMetrics.computeIfAbsent(md5(one.metric()), k -> new Document()))
                    .put(md5(one.variant()), one.entry(generation));
        }
        return lastMetrics;
    }

    /** {@code unique_metrics} ({@code metric/variant}, in ClearML's order), or null on 1.x, which has none. */
    @Nullable List<String> uniqueMetrics() {
        if (generation == ServerGeneration.V1) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        capped().forEach(one -> names.add(one.name()));
        return new ArrayList<>(names);
    }

    /** {@code metric_stats}: md5(metric) to the metric and, per event type, its newest timestamp; tasks only. */
    Document metricStats() {
        Document stats = new Document();
        lastUpdates.forEach((metric, byType) -> {
            Document types = new Document();
            byType.forEach((type, newest) -> types.put(type, new Document("last_update", newest)));
            stats.put(md5(metric), new Document("metric", metric).append("event_stats_by_type", types));
        });
        return stats;
    }

    private void iteration(ObjectNode event, String metric) {
        JsonNode iter = event.get("iter");
        if (iter != null && iter.isNumber() && !NO_ITERATION.contains(metric)) {
            maxIteration = maxIteration == null ? iter.asLong() : Math.max(maxIteration, iter.asLong());
        }
    }

    private void scalar(ObjectNode event, String metric, String variant, @Nullable String xAxisLabel) {
        JsonNode value = event.get("value");
        if (value == null || !value.isNumber()
                || generation == ServerGeneration.V1 && (metric.isEmpty() || variant.isEmpty())) {
            return;
        }
        MetricSeries one = series.computeIfAbsent(metric, m -> new LinkedHashMap<>())
                .computeIfAbsent(variant, v -> new MetricSeries(metric, variant));
        long iteration = event.path("iter").asLong(0);
        if (generation == ServerGeneration.V2) {
            one.add(value.numberValue(), iteration, timestamp(event), xAxisLabel);
        } else {
            one.addVersion1(value.numberValue(), iteration, timestamp(event));
        }
    }

    /** The series ClearML keeps, metrics in first-seen order and variants within: 2.x stops at 2000 names. */
    private List<MetricSeries> capped() {
        List<MetricSeries> kept = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, MetricSeries> variants : series.values()) {
            for (MetricSeries one : variants.values()) {
                if (generation == ServerGeneration.V2 && names.size() >= MAX_METRICS && !names.contains(one.name())) {
                    continue;
                }
                names.add(one.name());
                kept.add(one);
            }
        }
        return kept;
    }

    /** ClearML's {@code hash_field_name}, the key of {@code last_metrics} and {@code metric_stats} (§1.2). */
    private static String md5(String name) {
        return HashedKeys.md5Hex(name);
    }

    private static long timestamp(ObjectNode event) {
        return event.path("timestamp").asLong(0);
    }

    private String metricOf(MetricSeries one) {
        return one.entry(ServerGeneration.V1).getString("metric");
    }

    private String variantOf(MetricSeries one) {
        return one.entry(ServerGeneration.V1).getString("variant");
    }
}
