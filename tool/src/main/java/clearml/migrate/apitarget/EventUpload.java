package clearml.migrate.apitarget;

import clearml.migrate.api.ApiClient;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.importing.EventStatistics;
import clearml.migrate.importing.PlannedImport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task's (or model's) archived events sent through {@code events.add_batch}, so that the statistics the server
 * rebuilds from them equal the archived ones (issue #15): ordered by iteration, then time, in one pass, in JSON-lines
 * batches of at most {@link #maxBytes} bytes. The server keeps in {@code metric_stats} only the event types of the
 * last batch it was sent (server {@code EventBLL}, reproduced by the stand-in), so the newest event of every metric
 * and type goes into the last batch; moving it there keeps the order within its own metric and variant. The server
 * makes the event ids: {@code company_id} and {@code @timestamp} are its own too, and are left out; the range of
 * the archived {@code @timestamp}s is returned for the entity's {@code migrated} record ({@link IndexedTimes}).
 *
 * <p>Memory: one entity's events, which the ordering needs (an archive holds them in index order).
 */
final class EventUpload {

    private final ApiClient client;
    private final PlannedImport planned;
    private final int maxBytes;
    private long sent;
    private long refused;

    EventUpload(ApiClient client, PlannedImport planned, int maxBytes) {
        this.client = client;
        this.planned = planned;
        this.maxBytes = maxBytes;
    }

    /**
     * Sends the events; returns the statistics they add up to, as the target server keeps them, and the range of
     * their archived {@code @timestamp}s. A 2.x server takes
     * {@code x_axis_label} out of the scalar events it stores and keeps it only in {@code last_metrics}, so an
     * archive has it there alone: {@code archivedMetrics} (the entity's archived {@code last_metrics}) gives it back
     * to the scalar events of its metric and variant that lack one, so that the server keeps it again.
     */
    Sent send(EntityKind kind, String targetId, CloseableIterator<ObjectNode> archived,
            @org.jspecify.annotations.Nullable Object archivedMetrics) {
        Map<String, String> labels = axisLabels(archivedMetrics);
        EventStatistics statistics = planned.newStatistics(kind);
        IndexedTimes indexed = new IndexedTimes();
        List<ObjectNode> events = new ArrayList<>();
        try (archived) {
            while (archived.hasNext()) {
                ObjectNode original = archived.next();
                indexed.observe(original);
                ObjectNode event = planned.eventForApi(targetId, original, statistics);
                event.remove("company_id");
                event.remove("@timestamp");
                event.put("model_event", kind == EntityKind.MODEL);
                String label = labels.get(event.path("metric").asText() + "\u0000" + event.path("variant").asText());
                if (label != null && "training_stats_scalar".equals(event.path("type").asText())
                        && !event.has("x_axis_label")) {
                    event.put("x_axis_label", label);
                }
                events.add(event);
            }
        }
        events.sort(Comparator.comparingLong((ObjectNode e) -> e.path("iter").asLong())
                .thenComparingLong(e -> e.path("timestamp").asLong()));
        sendInBatches(newestLast(events));
        return new Sent(statistics, indexed.range());
    }

    /** The statistics the sent events add up to, and the range of their archived {@code @timestamp}s. */
    record Sent(EventStatistics statistics, @org.jspecify.annotations.Nullable ObjectNode indexed) {
    }

    private static Map<String, String> axisLabels(@org.jspecify.annotations.Nullable Object lastMetrics) {
        Map<String, String> labels = new java.util.HashMap<>();
        if (lastMetrics instanceof org.bson.Document metrics) {
            for (Object variants : metrics.values()) {
                if (variants instanceof org.bson.Document byVariant) {
                    for (Object entry : byVariant.values()) {
                        if (entry instanceof org.bson.Document metric && metric.get("x_axis_label") instanceof String l) {
                            labels.put(metric.get("metric") + "\u0000" + metric.get("variant"), l);
                        }
                    }
                }
            }
        }
        return labels;
    }

    long sent() {
        return sent;
    }

    /** Events the server answered as errors ({@code errors_info}). */
    long refused() {
        return refused;
    }

    private static List<ObjectNode> newestLast(List<ObjectNode> ordered) {
        Map<String, Integer> lastOf = new LinkedHashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            ObjectNode event = ordered.get(i);
            lastOf.put(event.path("metric").asText() + "\u0000" + event.path("type").asText(), i);
        }
        List<ObjectNode> rest = new ArrayList<>(ordered.size());
        List<ObjectNode> tail = new ArrayList<>(lastOf.size());
        java.util.Set<Integer> tailPositions = new java.util.HashSet<>(lastOf.values());
        for (int i = 0; i < ordered.size(); i++) {
            (tailPositions.contains(i) ? tail : rest).add(ordered.get(i));
        }
        rest.addAll(tail);
        return rest;
    }

    /** Batches by bytes; the tail of newest events (one per metric and type) always lands in the last batch. */
    private void sendInBatches(List<ObjectNode> events) {
        List<ObjectNode> batch = new ArrayList<>();
        long bytes = 0;
        for (ObjectNode event : events) {
            long size = event.toString().getBytes(StandardCharsets.UTF_8).length + 1L;
            if (!batch.isEmpty() && bytes + size > maxBytes) {
                add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(event);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            add(batch);
        }
    }

    private void add(List<ObjectNode> batch) {
        JsonNode answer = client.addEvents(batch);
        sent += answer.path("added").asLong();
        refused += answer.path("errors").asLong();
    }
}
