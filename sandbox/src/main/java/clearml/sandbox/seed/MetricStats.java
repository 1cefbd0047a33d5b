package clearml.sandbox.seed;

import clearml.sandbox.Hashes;
import clearml.sandbox.MeanRounding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The scalar statistics a server derives from a task's (or model's) events: {@code last_metrics},
 * {@code unique_metrics}, {@code metric_stats} and {@code last_iteration} (data model §1.4, §5.6), kept consistent
 * with the scalar events the seeder writes.
 */
final class MetricStats {

    private final Map<String, Series> series = new LinkedHashMap<>();
    private final Map<String, Long> lastUpdateByType = new LinkedHashMap<>();
    private final Map<String, String> metricOfType = new LinkedHashMap<>();
    private int lastIteration;

    void scalar(String metric, String variant, int iter, double value) {
        series.computeIfAbsent(metric + "/" + variant, k -> new Series(metric, variant)).add(iter, value);
        lastIteration = Math.max(lastIteration, iter);
    }

    void event(String type, String metric, long timestamp, int iter) {
        lastUpdateByType.merge(metric + "\u0000" + type, timestamp, Math::max);
        metricOfType.putIfAbsent(metric + "\u0000" + type, metric);
        lastIteration = Math.max(lastIteration, iter);
    }

    /**
     * Puts {@code last_iteration}, {@code last_metrics}, {@code unique_metrics} and, for tasks only (models have no
     * such field, §1.5), {@code metric_stats} on a document.
     */
    void applyTo(Document entity, boolean withMetricStats) {
        Document lastMetrics = new Document();
        List<String> unique = new ArrayList<>();
        for (Series s : series.values()) {
            ((Document) lastMetrics.computeIfAbsent(Hashes.md5(s.metric), k -> new Document()))
                    .put(Hashes.md5(s.variant), s.toDocument());
            unique.add(s.metric + "/" + s.variant);
        }
        entity.append("last_iteration", lastIteration).append("last_metrics", lastMetrics)
                .append("unique_metrics", unique);
        if (withMetricStats) {
            entity.append("metric_stats", metricStats());
        }
    }

    private Document metricStats() {
        Document stats = new Document();
        lastUpdateByType.forEach((key, timestamp) -> {
            String metric = metricOfType.get(key);
            String type = key.substring(key.indexOf('\u0000') + 1);
            Document entry = (Document) stats.computeIfAbsent(Hashes.md5(metric),
                    k -> new Document("metric", metric).append("event_stats_by_type", new Document()));
            entry.get("event_stats_by_type", Document.class).put(type, new Document("last_update", timestamp));
        });
        return stats;
    }

    /** One metric/variant series; the field set is MetricEvent's (data model §1.4). */
    private static final class Series {
        private final String metric;
        private final String variant;
        private double value;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private int minIter;
        private int maxIter;
        private double first;
        private int firstIter = -1;
        private int lastIter = -1;
        private double sum;
        private long count;

        Series(String metric, String variant) {
            this.metric = metric;
            this.variant = variant;
        }

        void add(int iter, double v) {
            if (firstIter < 0) {
                first = v;
                firstIter = iter;
            }
            if (iter >= lastIter) {
                value = v;
                lastIter = iter;
            }
            if (v < min) {
                min = v;
                minIter = iter;
            }
            if (v > max) {
                max = v;
                maxIter = iter;
            }
            sum += v;
            count++;
        }

        Document toDocument() {
            return new Document("metric", metric).append("variant", variant).append("value", value)
                    .append("min_value", min).append("min_value_iteration", minIter)
                    .append("max_value", max).append("max_value_iteration", maxIter)
                    .append("first_value", first).append("first_value_iteration", firstIter)
                    .append("count", count).append("mean_value", mean());
        }

        private double mean() {
            return MeanRounding.round2(sum / count);
        }
    }
}
