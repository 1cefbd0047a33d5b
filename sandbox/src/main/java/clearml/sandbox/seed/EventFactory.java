package clearml.sandbox.seed;

import clearml.sandbox.Hashes;
import clearml.sandbox.PlotCodec;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes one subject's events of all four types (data model §2.3) and returns the statistics they imply. Non-log
 * {@code _id}s are {@code md5("task-iter-metric-variant[-key]")}, log ids are random hex (§2.4); plots of 100 000
 * characters or more are stored compressed in {@code plot_data} (§2.5); image URLs point at files that
 * {@link FileServerFiles} will write.
 */
final class EventFactory {

    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final List<String[]> SCALARS = List.of(
            new String[] {"loss", "train"}, new String[] {"loss", "validation"},
            new String[] {"accuracy", "validation top 1"});
    private static final String[] LEVELS = {"info", "info", "info", "warning", "error", "debug"};
    /** How many debug-image files a series cycles through, like the SDK's history size (§6.2). */
    private static final int IMAGE_HISTORY = 3;

    private final ObjectMapper json;
    private final Ids ids;
    private final EventBulkWriter writer;
    private final FileServerFiles files;

    EventFactory(ObjectMapper json, Ids ids, EventBulkWriter writer, FileServerFiles files) {
        this.json = json;
        this.ids = ids;
        this.writer = writer;
        this.files = files;
    }

    /** Writes {@code count} task events: mostly scalars and logs, some debug images and plots. */
    MetricStats taskEvents(EventSubject subject, int count, boolean bigPlot) {
        int plots = Math.max(1, count / 50);
        int images = Math.max(1, count / 10);
        int logs = count * 35 / 100;
        Clock clock = new Clock(subject.firstTimestamp());
        MetricStats stats = new MetricStats();
        scalars(subject, count - plots - images - logs, clock, stats);
        for (int i = 0; i < logs; i++) {
            log(subject, i, clock.next(), stats);
        }
        for (int i = 0; i < images; i++) {
            debugImage(subject, i, clock.next(), stats);
        }
        for (int i = 0; i < plots; i++) {
            plot(subject, i, clock.next(), bigPlot && i == 0, stats);
        }
        return stats;
    }

    /** Model events: scalars and one plot, never logs (the server rejects log events on models, §2.3). */
    MetricStats modelEvents(EventSubject subject, int scalars) {
        Clock clock = new Clock(subject.firstTimestamp());
        MetricStats stats = new MetricStats();
        scalars(subject, scalars, clock, stats);
        plot(subject, 0, clock.next(), false, stats);
        return stats;
    }

    /**
     * Legacy {@code training_stats_vector} events (value is an array; no template exists for them, §2.2), counted in
     * {@code stats} as the server counts every event.
     */
    void vectorEvents(EventSubject subject, int count, MetricStats stats) {
        Clock clock = new Clock(subject.firstTimestamp() + 500);
        for (int iter = 0; iter < count; iter++) {
            long timestamp = clock.next();
            ObjectNode event = base(subject, "training_stats_vector", iter, "histogram", "weights", timestamp);
            event.putArray("value").add(round(ids.nextDouble())).add(round(ids.nextDouble())).add(round(ids.nextDouble()));
            write(subject, event, nonLogId(subject, iter, "histogram", "weights", null));
            stats.event("training_stats_vector", "histogram", timestamp, iter);
        }
    }

    private void scalars(EventSubject subject, int count, Clock clock, MetricStats stats) {
        for (int i = 0; i < count; i++) {
            String[] series = SCALARS.get(i % SCALARS.size());
            int iter = i / SCALARS.size();
            double value = scalarValue(series[0], iter);
            long timestamp = clock.next();
            ObjectNode event = base(subject, "training_stats_scalar", iter, series[0], series[1], timestamp);
            event.put("value", value);
            write(subject, event, nonLogId(subject, iter, series[0], series[1], null));
            stats.scalar(series[0], series[1], iter, value);
            stats.event("training_stats_scalar", series[0], timestamp, iter);
        }
    }

    private double scalarValue(String metric, int iter) {
        double noise = ids.nextDouble() * 0.05;
        double decay = Math.exp(-iter / 20.0);
        return round("loss".equals(metric) ? 2.5 * decay + noise : 1 - 0.9 * decay - noise);
    }

    /** A console line; a 2.x server counts it in {@code metric_stats} under the empty metric and its iteration. */
    private void log(EventSubject subject, int iter, long timestamp, MetricStats stats) {
        ObjectNode event = base(subject, "log", iter, "", "", timestamp);
        event.put("level", LEVELS[iter % LEVELS.length]);
        event.put("msg", iter % 7 == 3 ? "époque " + iter + " terminée: perte ↓" : "epoch " + iter + " done, loss="
                + round(ids.nextDouble()));
        write(subject, event, ids.id());
        stats.event("log", "", timestamp, iter);
    }

    private void debugImage(EventSubject subject, int iter, long timestamp, MetricStats stats) {
        String metric = "samples";
        String variant = "val image";
        String path = imagePath(subject, metric, variant, iter % IMAGE_HISTORY);
        ObjectNode event = base(subject, "training_debug_image", iter, metric, variant, timestamp);
        event.put("key", path);
        event.put("url", files.url(path));
        write(subject, event, nonLogId(subject, iter, metric, variant, path));
        stats.event("training_debug_image", metric, timestamp, iter);
    }

    private void plot(EventSubject subject, int iter, long timestamp, boolean big, MetricStats stats) {
        String metric = big ? "confusion matrix" : "roc";
        String variant = big ? "validation" : "curve";
        String imageUrl = files.url(imagePath(subject, metric, variant, 0));
        String plotStr = PlotJson.plot(json, ids, metric, imageUrl, big ? 140 : 6);
        ObjectNode event = base(subject, "plot", iter, metric, variant, timestamp);
        int length = plotStr.codePointCount(0, plotStr.length());
        if (length >= PlotCodec.THRESHOLD) {
            event.put("plot_data", PlotCodec.compress(plotStr));
        } else {
            event.put("plot_str", plotStr);
        }
        event.put("plot_len", length);
        event.putArray("source_urls").add(imageUrl);
        write(subject, event, nonLogId(subject, iter, metric, variant, null));
        stats.event("plot", metric, timestamp, iter);
    }

    private String imagePath(EventSubject subject, String metric, String variant, int counter) {
        return subject.storagePrefix() + "/metrics/" + metric + "/" + variant + "/" + metric + "_" + variant + "_"
                + String.format(Locale.ROOT, "%08d", counter) + ".png";
    }

    private ObjectNode base(EventSubject subject, String type, int iter, String metric, String variant, long ts) {
        ObjectNode event = json.createObjectNode();
        event.put("task", subject.id()).put("type", type).put("timestamp", ts).put("iter", iter)
                .put("metric", metric).put("variant", variant).put("model_event", subject.modelEvent())
                .put("@timestamp", ISO.format(Instant.ofEpochMilli(ts))).put("worker", "gpu-worker-01");
        return event;
    }

    private void write(EventSubject subject, ObjectNode event, String id) {
        writer.add(subject.index(event.get("type").asText()), id, event);
    }

    /** {@code md5("-".join(str(event[f]) for f in (task, iter, metric, variant, key) if f in event))} (§2.4). */
    private static String nonLogId(EventSubject subject, int iter, String metric, String variant, String key) {
        String joined = subject.id() + "-" + iter + "-" + metric + "-" + variant + (key == null ? "" : "-" + key);
        return Hashes.md5(joined);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /** Event timestamps: one per event, a second apart, increasing in write order. */
    private static final class Clock {
        private long next;

        Clock(long first) {
            this.next = first;
        }

        long next() {
            long now = next;
            next += 1000;
            return now;
        }
    }
}
