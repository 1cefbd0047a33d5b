package clearml.migrate.importing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.bson.Document;

/**
 * An archive as ClearML 1.10's data tool writes one, for the statistics tests: BZIP2 entries in its order (events
 * entries before {@code Task.json}, §3.3), no {@code metadata.json} and no {@code users.json} (1.14+); entity lines
 * as mongoengine's {@code to_json} writes them (Python's separators, {@code \\u00e9} escapes, {@code {"$date": ms}})
 * with the fields of 1.10's models and their defaults; events as its rapidjson writes the stored {@code _source},
 * {@code x_axis_label} still in them (1.x did not take it out). The task statistics are what a 1.10 server left
 * after the SDK's batches ({@link ClearmlServerStatistics#version1()}): 1.x entries (no count, mean or first value),
 * no {@code unique_metrics}, {@code metric_stats} of the last batch only, without log events.
 *
 * <p>Tasks: {@link #SCALARS} (scalars only, some with a label, an int value), {@link #LOGS} (logs only),
 * {@link #PLOTS} (plots and debug images only), {@link #BEYOND} (events beyond the archived
 * {@code last_iteration}: the export saw the task after the first batch), {@link #EXTREMES} (float-range extremes,
 * no NaN; iterations past int32 and below 0), {@link #TWO_BATCHES} (scalars, then logs: 1.x kept an empty
 * {@code metric_stats}). One model, without events (1.x never exported model events).
 */
public final class Clearml110Archive {

    public static final String PROJECT = "e1100000000000000000000000000001";
    public static final String MODEL = "e1100000000000000000000000000a01";
    public static final String SCALARS = "e1100000000000000000000000000101";
    public static final String LOGS = "e1100000000000000000000000000102";
    public static final String PLOTS = "e1100000000000000000000000000103";
    public static final String BEYOND = "e1100000000000000000000000000104";
    public static final String EXTREMES = "e1100000000000000000000000000105";
    public static final String TWO_BATCHES = "e1100000000000000000000000000106";

    private static final long T0 = 1_680_000_000_000L;
    private static final ObjectMapper EVENTS = JsonMapper.builder().enable(JsonGenerator.Feature.ESCAPE_NON_ASCII)
            .build();

    private Clearml110Archive() {
    }

    /** The archived events of each task, in archive order, split in the batches the SDK sent them in. */
    public static Map<String, List<List<ObjectNode>>> batches() {
        Map<String, List<List<ObjectNode>>> batches = new LinkedHashMap<>();
        batches.put(SCALARS, List.of(scalars(SCALARS)));
        batches.put(LOGS, List.of(logs(LOGS, 0, 6)));
        batches.put(PLOTS, List.of(plotsAndImages(PLOTS)));
        batches.put(BEYOND, List.of(series(BEYOND, 0, 6), series(BEYOND, 6, 13)));
        batches.put(EXTREMES, List.of(extremes(EXTREMES)));
        batches.put(TWO_BATCHES, List.of(series(TWO_BATCHES, 0, 4), logs(TWO_BATCHES, 4, 7)));
        return batches;
    }

    /** All archived events of a task, in archive order. */
    public static List<ObjectNode> events(String task) {
        return batches().get(task).stream().flatMap(List::stream).toList();
    }

    /** Writes the archive as {@code dir/clearml-1.10.zip}. */
    public static Path write(Path dir) {
        return write(dir, "clearml-1.10.zip", true);
    }

    /** Writes it as ClearML's {@code --no-events} export: no events entries. */
    public static Path writeWithoutEvents(Path dir) {
        return write(dir, "clearml-1.10-no-events.zip", false);
    }

    private static Path write(Path dir, String name, boolean withEvents) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("database.model.model.Model.json", lines(List.of(model())));
        entries.put("database.model.project.Project.json", lines(List.of(project())));
        List<Document> tasks = new ArrayList<>();
        batches().forEach((id, taskBatches) -> {
            if (withEvents) {
                entries.put("database.model.task.task.Task_" + id + "_events.json",
                        eventLines(taskBatches.stream().flatMap(List::stream).toList()));
            }
            tasks.add(task(id, taskBatches));
        });
        entries.put("database.model.task.task.Task.json", lines(tasks));
        Path file = dir.resolve(name);
        writeBzip2(file, entries);
        return file;
    }

    private static Document project() {
        return new Document("_id", PROJECT).append("company", "").append("user", "").append("name", "Vision 1.10")
                .append("basename", "Vision 1.10").append("created", new Date(T0)).append("tags", List.of())
                .append("system_tags", List.of()).append("last_update", new Date(T0)).append("featured", 9999)
                .append("path", List.of());
    }

    private static Document model() {
        return new Document("_id", MODEL).append("company", "").append("user", "").append("name", "résnet weights")
                .append("project", PROJECT).append("created", new Date(T0)).append("task", SCALARS)
                .append("tags", List.of()).append("system_tags", List.of())
                .append("uri", "http://localhost:8081/Vision 1.10/scalars." + SCALARS + "/models/w.pt")
                .append("framework", "PyTorch").append("design", new Document()).append("labels", new Document())
                .append("ready", true).append("last_update", new Date(T0 + 60_000)).append("ui_cache", new Document())
                .append("metadata", new Document());
    }

    /** A 1.10 task with the statistics its server kept after {@code batches}. */
    private static Document task(String id, List<List<ObjectNode>> batches) {
        Document stats = new Document("last_iteration", 0).append("last_metrics", new Document())
                .append("metric_stats", new Document());
        List<List<ObjectNode>> seen = id.equals(BEYOND) ? batches.subList(0, 1) : batches;
        seen.forEach(batch -> ClearmlServerStatistics.version1().addBatch(stats, batch, false));
        Document task = new Document("_id", id).append("company", "").append("user", "").append("name", "task " + id)
                .append("type", "training").append("status", "completed").append("status_reason", "")
                .append("status_message", "").append("status_changed", new Date(T0 + 9_000_000))
                .append("comment", "Auto generated by Allegro.ai").append("report_assets", List.of())
                .append("created", new Date(T0)).append("started", new Date(T0 + 1000))
                .append("completed", new Date(T0 + 9_000_000)).append("active_duration", 9000)
                .append("project", PROJECT).append("output", new Document())
                .append("execution", new Document("test_split", 0).append("parameters", new Document())
                        .append("model_desc", new Document()).append("model_labels", new Document())
                        .append("artifacts", new Document()))
                .append("tags", List.of()).append("system_tags", List.of())
                .append("script", new Document("binary", "python").append("repository", "")
                        .append("entry_point", "train.py").append("requirements", new Document()))
                .append("last_worker", "gpu-01").append("last_worker_report", new Date(T0 + 9_000_000))
                .append("last_update", new Date(T0 + 9_000_000)).append("last_change", new Date(T0 + 9_000_000));
        task.putAll(stats);
        return task.append("hyperparams", new Document()).append("configuration", new Document())
                .append("runtime", new Document()).append("models", new Document("input", List.of())
                        .append("output", id.equals(SCALARS) ? List.of(new Document("name", "out")
                                .append("model", MODEL).append("updated", new Date(T0 + 60_000))) : List.of()))
                .append("container", new Document());
    }

    /** loss/train and loss/val, acc/top1 with an {@code epoch} label, over 20 iterations; one int value. */
    private static List<ObjectNode> scalars(String task) {
        List<ObjectNode> events = new ArrayList<>();
        for (int iter = 0; iter < 20; iter++) {
            events.add(scalar(task, "loss", "train", iter, T0 + iter * 1000, 2.5 / (iter + 1)));
            events.add(scalar(task, "loss", "val", iter, T0 + iter * 1000 + 1, 2.7 / (iter + 1) + 0.01 * iter));
            ObjectNode accuracy = scalar(task, "acc", "top1", iter, T0 + iter * 1000 + 2, 0.05 * iter);
            events.add(iter < 10 ? accuracy.put("x_axis_label", "epoch") : accuracy);
        }
        events.add(scalar(task, "count", "images", 19, T0 + 19_500, 0).put("value", 1234));
        return events;
    }

    private static List<ObjectNode> series(String task, int from, int to) {
        List<ObjectNode> events = new ArrayList<>();
        for (int iter = from; iter < to; iter++) {
            events.add(scalar(task, "loss", "train", iter, T0 + iter * 1000, 1.0 / (iter + 1)));
        }
        return events;
    }

    private static List<ObjectNode> logs(String task, int from, int to) {
        List<ObjectNode> events = new ArrayList<>();
        for (int iter = from; iter < to; iter++) {
            events.add(event(task, "log", iter, T0 + 50_000 + iter).put("level", "info").put("msg", "step " + iter)
                    .put("metric", "").put("variant", ""));
        }
        return events;
    }

    private static List<ObjectNode> plotsAndImages(String task) {
        List<ObjectNode> events = new ArrayList<>();
        events.add(event(task, "plot", 7, T0 + 69_000).put("metric", "roc").put("variant", "val")
                .put("plot_str", "{\"data\":[]}"));
        for (int iter = 0; iter < 3; iter++) {
            events.add(event(task, "plot", iter, T0 + 70_000 + iter * 10).put("metric", "confusion")
                    .put("variant", "val").put("plot_str", "{\"data\":[{\"z\":[[1,2],[3," + iter + "]]}]}"));
            for (String variant : List.of("cat", "dog")) {
                String key = "Vision 1.10/plots." + task + "/metrics/samples/" + variant + "/" + iter + ".png";
                events.add(event(task, "training_debug_image", iter, T0 + 70_001 + iter * 10).put("metric", "samples")
                        .put("variant", variant).put("key", key).put("url", "http://localhost:8081/" + key));
            }
        }
        return events;
    }

    /**
     * Float-range extremes a ClearML event index stores (its {@code value} is a {@code float}), and none of them
     * NaN: the mean of two largest floats needs more than 34 digits at 2 decimals, so MongoDB's {@code $round}
     * makes it NaN; a negative zero; subnormals; an iteration past int32 and one below 0.
     */
    private static List<ObjectNode> extremes(String task) {
        double largest = Float.MAX_VALUE;
        return List.of(
                scalar(task, "huge", "up", 0, T0, largest), scalar(task, "huge", "up", 1, T0 + 1, largest),
                scalar(task, "huge", "down", 0, T0 + 2, -largest), scalar(task, "huge", "down", 1, T0 + 3, -1.0e30),
                scalar(task, "tiny", "subnormal", -1, T0 + 4, Float.MIN_VALUE),
                scalar(task, "tiny", "subnormal", 3_000_000_000L, T0 + 5, -Float.MIN_VALUE),
                scalar(task, "tiny", "zero", 2, T0 + 6, -0.0),
                scalar(task, "tiny", "half", 3, T0 + 7, 0.125), scalar(task, "tiny", "half", 4, T0 + 8, 0.125));
    }

    private static ObjectNode scalar(String task, String metric, String variant, long iter, long timestamp,
            double value) {
        return event(task, "training_stats_scalar", iter, timestamp).put("metric", metric).put("variant", variant)
                .put("value", value);
    }

    /** The {@code _source} of a stored event as 1.x stores it (data model §2.3). */
    private static ObjectNode event(String task, String type, long iter, long timestamp) {
        return EVENTS.createObjectNode().put("timestamp", timestamp).put("type", type).put("task", task)
                .put("iter", iter).put("worker", "gpu-01").put("model_event", false)
                .put("@timestamp", "2023-03-28T10:40:00.000Z");
    }

    private static String eventLines(List<ObjectNode> events) {
        List<String> lines = new ArrayList<>();
        for (ObjectNode event : events) {
            try {
                lines.add(EVENTS.writeValueAsString(event));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return frame(lines);
    }

    private static String lines(List<Document> documents) {
        return frame(documents.stream().map(Clearml110Archive::pythonJson).toList());
    }

    /** ClearML's {@code JsonLinesWriter}: {@code [}, one document per line, {@code ,} before each next, {@code ]}. */
    private static String frame(List<String> lines) {
        return "[" + (lines.isEmpty() ? "" : "\n" + String.join(",\n", lines)) + "\n]";
    }

    /** {@code json.dumps(..., ensure_ascii=True)} of bson's legacy Extended JSON. */
    private static String pythonJson(Object value) {
        if (value instanceof Map<?, ?> map) {
            List<String> fields = new ArrayList<>();
            map.forEach((key, item) -> fields.add(pythonJson(String.valueOf(key)) + ": " + pythonJson(item)));
            return "{" + String.join(", ", fields) + "}";
        }
        if (value instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(Clearml110Archive::pythonJson).toList()) + "]";
        }
        if (value instanceof Date date) {
            return "{\"$date\": " + date.getTime() + "}";
        }
        if (value instanceof String text) {
            return pythonString(text);
        }
        return String.valueOf(value);
    }

    private static String pythonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Each entry compressed with BZIP2 and stored raw with method 12, as Python's zipfile writes it (§3.2). */
    private static void writeBzip2(Path file, Map<String, String> entries) {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                byte[] plain = entry.getValue().getBytes(StandardCharsets.UTF_8);
                ByteArrayOutputStream packed = new ByteArrayOutputStream();
                try (BZip2CompressorOutputStream bzip2 = new BZip2CompressorOutputStream(packed)) {
                    bzip2.write(plain);
                }
                CRC32 crc = new CRC32();
                crc.update(plain);
                ZipArchiveEntry zipEntry = new ZipArchiveEntry(entry.getKey());
                zipEntry.setMethod(12);
                zipEntry.setSize(plain.length);
                zipEntry.setCompressedSize(packed.size());
                zipEntry.setCrc(crc.getValue());
                byte[] bytes = packed.toByteArray();
                zip.addRawArchiveEntry(zipEntry, new ByteArrayInputStream(bytes));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
