package clearml.migrate.importing;

import clearml.migrate.mongo.BsonNumbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Puts the statistics computed from an entity's archived events ({@link EventStatistics}) on its document. What the
 * archive holds and agrees with the events stays as it is, byte for byte; what it lacks is filled; what disagrees
 * is corrected. Entries the events say nothing about stay, as the server never removes a statistic: a metric
 * whose events are not in the archive keeps its {@code last_metrics} entry, a {@code last_iteration} set above the
 * events' highest stays, and an archive without events entries ({@code --no-events}) changes nothing.
 *
 * <p>"Agrees" means equal by value ({@code 5} equals {@code 5.0}), except {@code mean_value}, which may be one step
 * of its 2 decimals (0.01) away: the server rounds the mean again at every batch of events a client sent, so the
 * archived mean drifts from the mean of the whole series, and that drift is not a wrong value. A
 * {@code x_axis_label} is compared only when an event carries one (2.x servers take it out of the events they
 * store); in {@code metric_stats} the {@code last_update} of each metric and event type is the timestamp
 * ({@code timestamp}, epoch ms) of its newest event, compared exactly.
 */
final class StatisticsMerge {

    /** What happened to one statistics field of one document. */
    enum Change { KEPT, FILLED, CORRECTED }

    static final String LAST_ITERATION = "last_iteration";
    static final String LAST_METRICS = "last_metrics";
    static final String UNIQUE_METRICS = "unique_metrics";
    static final String METRIC_STATS = "metric_stats";

    private static final double MEAN_STEP = 0.01;
    private static final double FLOAT_NOISE = 1e-9;

    private StatisticsMerge() {
    }

    /** Merges, in place; returns the change of each statistics field the events speak to. */
    static Map<String, Change> apply(Document entity, EventStatistics computed, boolean task) {
        Map<String, Change> changes = new LinkedHashMap<>();
        Long iteration = computed.lastIteration();
        if (iteration != null) {
            changes.put(LAST_ITERATION, lastIteration(entity, Math.max(0, iteration)));
        }
        Document lastMetrics = computed.lastMetrics();
        if (!lastMetrics.isEmpty()) {
            changes.put(LAST_METRICS, nested(entity, LAST_METRICS, lastMetrics, StatisticsMerge::entry));
        }
        List<String> unique = computed.uniqueMetrics();
        if (unique != null && !unique.isEmpty()) {
            changes.put(UNIQUE_METRICS, uniqueMetrics(entity, unique));
        }
        Document stats = task ? computed.metricStats() : new Document();
        if (!stats.isEmpty()) {
            changes.put(METRIC_STATS, nested(entity, METRIC_STATS, stats, StatisticsMerge::metricEntry));
        }
        return changes;
    }

    private static Change lastIteration(Document entity, long computed) {
        Object archived = entity.get(LAST_ITERATION);
        if (archived instanceof Number number && number.longValue() >= computed) {
            return Change.KEPT;
        }
        entity.put(LAST_ITERATION, MetricSeries.integer(computed));
        return archived instanceof Number ? Change.CORRECTED : Change.FILLED;
    }

    private static Change uniqueMetrics(Document entity, List<String> computed) {
        List<Object> archived = entity.get(UNIQUE_METRICS) instanceof List<?> list ? new ArrayList<>(list) : List.of();
        List<Object> merged = new ArrayList<>(archived);
        computed.stream().filter(name -> !archived.contains(name)).forEach(merged::add);
        if (merged.size() == archived.size()) {
            return Change.KEPT;
        }
        entity.put(UNIQUE_METRICS, merged);
        return archived.isEmpty() ? Change.FILLED : Change.CORRECTED;
    }

    /** How one computed entry goes into the archived map of its key; returns the change. */
    @FunctionalInterface
    private interface EntryMerge {
        Change merge(Map<String, Object> holder, String key, Document computed);
    }

    /**
     * Merges a two-level map ({@code last_metrics}: metric to variant to entry; {@code metric_stats}: metric to
     * entry) key by key, keeping the archived map and its order; new keys go last.
     */
    private static Change nested(Document entity, String field, Document computed, EntryMerge merge) {
        Map<String, Object> merged = copy(entity.get(field));
        Change change = Change.KEPT;
        for (Map.Entry<String, Object> item : computed.entrySet()) {
            change = worse(change, merge.merge(merged, item.getKey(), (Document) item.getValue()));
        }
        if (change != Change.KEPT) {
            entity.put(field, merged);
        }
        return change;
    }

    /** One metric of {@code last_metrics}: its variants, each compared field by field. */
    private static Change entry(Map<String, Object> lastMetrics, String metricKey, Document computedVariants) {
        Map<String, Object> variants = copy(lastMetrics.get(metricKey));
        Change change = Change.KEPT;
        for (Map.Entry<String, Object> variant : computedVariants.entrySet()) {
            Document computed = (Document) variant.getValue();
            Map<String, Object> archived = lastMetrics.get(metricKey) instanceof Map<?, ?> m
                    && m.get(variant.getKey()) instanceof Map<?, ?> e ? copy(e) : null;
            Change one = archived == null ? Change.FILLED : compare(archived, computed);
            if (one != Change.KEPT) {
                variants.put(variant.getKey(), overlay(archived, computed));
            }
            change = worse(change, one);
        }
        if (change != Change.KEPT) {
            lastMetrics.put(metricKey, variants);
        }
        return change;
    }

    /** One metric of {@code metric_stats}: its name and the {@code last_update} of each event type. */
    private static Change metricEntry(Map<String, Object> metricStats, String metricKey, Document computed) {
        Map<String, Object> archived = metricStats.get(metricKey) instanceof Map<?, ?> m ? copy(m) : null;
        if (archived == null) {
            metricStats.put(metricKey, computed);
            return Change.FILLED;
        }
        Change change = archived.get("metric") == null ? Change.FILLED : Change.KEPT;
        Map<String, Object> byType = copy(archived.get("event_stats_by_type"));
        for (Map.Entry<String, Object> type : ((Document) computed.get("event_stats_by_type")).entrySet()) {
            Map<String, Object> stored = byType.get(type.getKey()) instanceof Map<?, ?> s ? copy(s) : null;
            Change one = stored == null ? Change.FILLED : compare(stored, (Document) type.getValue());
            if (one != Change.KEPT) {
                byType.put(type.getKey(), overlay(stored, (Document) type.getValue()));
            }
            change = worse(change, one);
        }
        if (change != Change.KEPT) {
            archived.put("metric", computed.get("metric"));
            archived.put("event_stats_by_type", byType);
            metricStats.put(metricKey, archived);
        }
        return change;
    }

    /** Corrected when a field both hold differs, else filled when the archive lacks one, else kept. */
    private static Change compare(Map<String, Object> archived, Document computed) {
        Change change = Change.KEPT;
        for (Map.Entry<String, Object> field : computed.entrySet()) {
            Object stored = archived.get(field.getKey());
            if (stored == null) {
                change = worse(change, Change.FILLED);
            } else if (!agree(field.getKey(), stored, field.getValue())) {
                return Change.CORRECTED;
            }
        }
        return change;
    }

    private static boolean agree(String field, Object archived, @Nullable Object computed) {
        if (archived instanceof Number a && computed instanceof Number c) {
            return BsonNumbers.same(a, c) || "mean_value".equals(field) && withinOneStep(a, c);
        }
        return Objects.equals(archived, computed);
    }

    private static boolean withinOneStep(Number archived, Number computed) {
        double difference = Math.abs(archived.doubleValue() - computed.doubleValue());
        return difference <= MEAN_STEP + FLOAT_NOISE;
    }

    /** The archived entry with the computed fields put over it; the archive's other fields stay. */
    private static Map<String, Object> overlay(@Nullable Map<String, Object> archived, Document computed) {
        if (archived == null) {
            return computed;
        }
        Document merged = new Document(archived);
        merged.putAll(computed);
        return merged;
    }

    private static Change worse(Change a, Change b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(@Nullable Object map) {
        return map instanceof Map<?, ?> m ? new Document((Map<String, Object>) m) : new Document();
    }
}
