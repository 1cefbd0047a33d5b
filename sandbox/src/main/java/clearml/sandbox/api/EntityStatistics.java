package clearml.sandbox.api;

import clearml.sandbox.Hashes;
import clearml.sandbox.MeanRounding;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * What a batch of events does to its task or model ({@code TaskBLL.update_statistics},
 * {@code ModelBLL.update_statistics}, {@code get_last_metric_updates}): {@code last_iteration} raised to the batch's
 * highest iteration; per metric/variant {@code value} (and {@code x_axis_label}) overwritten by the batch's last
 * event even when an earlier batch reached a higher iteration, {@code min}/{@code max} kept when still lower/higher,
 * {@code first_value} kept once set, {@code count} summed and {@code mean_value} recomputed and rounded to 2
 * decimals; new pairs added to {@code unique_metrics} up to the cap; a task's {@code metric_stats} replaced by the
 * batch's; {@code last_update} now. The server does this with two atomic updates; the stand-in reads, computes
 * and writes under one lock.
 */
final class EntityStatistics {


    private final int maxLastMetrics;

    EntityStatistics(int maxLastMetrics) {
        this.maxLastMetrics = maxLastMetrics;
    }

    /** One entity's share of a batch. */
    record Batch(@Nullable Long iterMax, Map<String, Map<String, ScalarSummary>> scalars,
                 Map<String, Map<String, Long>> lastTimestamps) {
    }

    synchronized void updateTask(MongoCollection<Document> tasks, String id, String company, String user,
                                 Date now, Batch batch) {
        Document task = tasks.find(Filters.and(Filters.eq("_id", id), Filters.eq("company", company))).first();
        if (task == null) {
            return;
        }
        List<Bson> updates = new ArrayList<>(List.of(Updates.set("last_update", now), Updates.set("last_change", now),
                Updates.set("last_changed_by", user)));
        if ("in_progress".equals(task.getString("status")) && task.getDate("started") != null) {
            updates.add(Updates.set("active_duration", (int) ((now.getTime() - task.getDate("started").getTime()) / 1000)));
        }
        updates.addAll(common(task, batch));
        if (!batch.lastTimestamps().isEmpty()) {
            updates.add(Updates.set("metric_stats", metricStats(batch.lastTimestamps())));
        }
        tasks.updateOne(Filters.eq("_id", id), Updates.combine(updates));
    }

    synchronized void updateModel(MongoCollection<Document> models, String id, String user, Date now, Batch batch) {
        Document model = models.find(Filters.eq("_id", id)).first();
        if (model == null) {
            return;
        }
        List<Bson> updates = new ArrayList<>(List.of(Updates.set("last_update", new Date()),
                Updates.set("last_change", now), Updates.set("last_changed_by", user)));
        updates.addAll(common(model, batch));
        models.updateOne(Filters.eq("_id", id), Updates.combine(updates));
    }

    private List<Bson> common(Document entity, Batch batch) {
        List<Bson> updates = new ArrayList<>();
        Long iterMax = batch.iterMax();
        if (iterMax != null) {
            Number stored = entity.get("last_iteration", Number.class);
            if (stored == null || stored.longValue() < iterMax) {
                updates.add(Updates.set("last_iteration", compact(iterMax)));
            }
        }
        if (!batch.scalars().isEmpty()) {
            updates.addAll(lastMetrics(entity, batch.scalars()));
        }
        return updates;
    }

    private List<Bson> lastMetrics(Document entity, Map<String, Map<String, ScalarSummary>> scalars) {
        Document stored = entity.get("last_metrics") instanceof Document d ? d : new Document();
        List<String> unique = new ArrayList<>(entity.getList("unique_metrics", String.class, List.of()));
        int toAdd = scalars.values().stream().mapToInt(Map::size).sum();
        Set<String> known = maxLastMetrics > 0 && (toAdd > maxLastMetrics || unique.size() > maxLastMetrics - toAdd)
                ? new LinkedHashSet<>(unique) : new LinkedHashSet<>();
        List<Bson> updates = new ArrayList<>();
        scalars.forEach((metricHash, variants) -> variants.forEach((variantHash, summary) -> {
            String name = summary.metric + "/" + summary.variant;
            if (maxLastMetrics > 0 && known.size() >= maxLastMetrics && !known.contains(name)) {
                return;
            }
            known.add(name);
            if (!unique.contains(name)) {
                unique.add(name);
            }
            Document previous = stored.get(metricHash) instanceof Document m && m.get(variantHash) instanceof Document v
                    ? v : new Document();
            updates.add(Updates.set("last_metrics." + metricHash + "." + variantHash, merge(previous, summary)));
        }));
        updates.add(Updates.set("unique_metrics", unique));
        return updates;
    }

    private static Document merge(Document previous, ScalarSummary summary) {
        Document entry = new Document(previous);
        entry.put("metric", summary.metric);
        entry.put("variant", summary.variant);
        entry.put("value", summary.value);
        if (summary.xAxisLabel != null) {
            entry.put("x_axis_label", summary.xAxisLabel);
        }
        if (entry.get("first_value") == null) {
            entry.put("first_value", summary.firstValue);
            entry.put("first_value_iteration", compact(summary.firstValueIter == null ? 0 : summary.firstValueIter));
        }
        Number min = entry.get("min_value", Number.class);
        if (min == null || min.doubleValue() > summary.minValue) {
            entry.put("min_value", summary.minValue);
            entry.put("min_value_iteration", compact(summary.minValueIter));
        }
        Number max = entry.get("max_value", Number.class);
        if (max == null || max.doubleValue() < summary.maxValue) {
            entry.put("max_value", summary.maxValue);
            entry.put("max_value_iteration", compact(summary.maxValueIter));
        }
        double mean = entry.get("mean_value") instanceof Number n ? n.doubleValue() : 0;
        long count = entry.get("count") instanceof Number n ? n.longValue() : 0;
        entry.put("mean_value", MeanRounding.round2((mean * count + summary.total) / (count + summary.count)));
        entry.put("count", compact(count + summary.count));
        return entry;
    }

    private static Document metricStats(Map<String, Map<String, Long>> lastTimestamps) {
        Document stats = new Document();
        lastTimestamps.forEach((metric, byType) -> {
            Document types = new Document();
            byType.forEach((type, timestamp) -> types.put(type, new Document("last_update", timestamp)));
            stats.put(Hashes.md5(metric), new Document("metric", metric).append("event_stats_by_type", types));
        });
        return stats;
    }

    /** A whole number as pymongo stores a Python int: 32-bit when it fits. */
    static Number compact(long value) {
        return value == (int) value ? (Number) (int) value : (Number) value;
    }
}
