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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One task's (or model's) archived events sent through {@code events.add_batch}, so that the statistics the server
 * rebuilds from them equal the archived ones (issue #15): ordered by iteration, then time, in one pass, in JSON-lines
 * batches of at most {@link #maxBytes} bytes. The server keeps in {@code metric_stats} only the event types of the
 * last batch it was sent (server {@code EventBLL}, reproduced by the stand-in), so the newest event of every metric
 * and type goes into the last batch; moving it there keeps the order within its own metric and variant. The server
 * makes the event ids: {@code company_id} and {@code @timestamp} are its own too, and are left out; the range of
 * the archived {@code @timestamp}s is returned for the entity's {@code migrated} record ({@link IndexedTimes}).
 *
 * <p>Memory: bounded by {@link EventOrder}, which sorts the entity's events in runs spilled to temp files, one
 * batch, and one event per metric and type ({@link NewestLast}).
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
        Map<String, EventOrder.Sequenced> newest = new HashMap<>();
        try (archived; EventOrder order = EventOrder.sizedFromHeap()) {
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
                EventOrder.Sequenced added = new EventOrder.Sequenced(order.add(event, size(event)), event);
                newest.merge(metricAndType(event), added, (was, now) -> EventOrder.ORDER.compare(now.event(),
                        was.event()) >= 0 ? now : was);
            }
            Set<Long> last = new HashSet<>();
            newest.values().forEach(event -> last.add(event.sequence()));
            sendInBatches(new NewestLast(order.sorted(), last));
        }
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

    private static long size(ObjectNode event) {
        return event.toString().getBytes(StandardCharsets.UTF_8).length + 1L;
    }

    private static String metricAndType(ObjectNode event) {
        return event.path("metric").asText() + "\u0000" + event.path("type").asText();
    }

    /**
     * The ordered events but the newest of every metric and type ({@code last}, by place in the archive), which
     * follow them, in their order: the same order as moving those to the end of the whole sorted list. Memory: one
     * event per metric and type.
     */
    private static final class NewestLast implements Iterator<ObjectNode> {

        private final Iterator<EventOrder.Sequenced> ordered;
        private final Set<Long> last;
        private final List<ObjectNode> tail = new ArrayList<>();
        private @org.jspecify.annotations.Nullable Iterator<ObjectNode> tailOut;
        private @org.jspecify.annotations.Nullable ObjectNode next;

        NewestLast(Iterator<EventOrder.Sequenced> ordered, Set<Long> last) {
            this.ordered = ordered;
            this.last = last;
        }

        @Override
        public boolean hasNext() {
            while (next == null && ordered.hasNext()) {
                EventOrder.Sequenced event = ordered.next();
                if (last.contains(event.sequence())) {
                    tail.add(event.event());
                } else {
                    next = event.event();
                }
            }
            if (next == null) {
                tailOut = tailOut == null ? tail.iterator() : tailOut;
                next = tailOut.hasNext() ? tailOut.next() : null;
            }
            return next != null;
        }

        @Override
        public ObjectNode next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            ObjectNode event = next;
            next = null;
            return event;
        }
    }

    /** Batches by bytes; the tail of newest events (one per metric and type) always lands in the last batch. */
    private void sendInBatches(Iterator<ObjectNode> events) {
        List<ObjectNode> batch = new ArrayList<>();
        long bytes = 0;
        while (events.hasNext()) {
            ObjectNode event = events.next();
            long size = size(event);
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
