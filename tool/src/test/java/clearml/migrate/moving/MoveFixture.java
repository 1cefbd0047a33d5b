package clearml.migrate.moving;

import clearml.migrate.events.BulkWriter;
import clearml.migrate.events.ElasticClient;
import clearml.migrate.events.ElasticRequest;
import clearml.migrate.events.ElasticSettings;
import clearml.migrate.events.EventHit;
import clearml.migrate.events.EventIndexNames;
import clearml.migrate.events.EventQuery;
import clearml.migrate.events.EventScroll;
import clearml.migrate.events.EventStore;
import clearml.migrate.events.EventType;
import clearml.migrate.events.PlotCodec;
import clearml.migrate.links.LinkRewriter;
import clearml.migrate.links.UrlMap;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Events of a source company written to a real engine for move tests, and what a move must make of them; each
 * test has companies of its own and deletes their indices when done.
 */
final class MoveFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final UrlMap URL_MAP = UrlMap.parse(List.of("http://localhost:8081=https://files.example-new.io"));
    static final List<String> MOVED = List.of("task-1", "model-1");

    final String sourceCompany = "src" + hex();
    /** Mixed case: the index name is lower-cased, {@code company_id} is kept as given (data model §2.1). */
    final String targetCompany = "Tgt" + hex();
    final EventStore source;
    final EventStore target;

    MoveFixture(URI source, URI target) {
        this.source = store(source);
        this.target = store(target);
    }

    static EventStore store(URI uri) {
        return new EventStore(new ElasticClient(new ElasticSettings(List.of(uri), null, null)));
    }

    /** The source's events: every type for task-1, a model event of model-1, and a task not moved. */
    void seedSource() {
        try (BulkWriter writer = source.bulkWriter()) {
            write(writer, EventType.LOG, "log-1", event("task-1", "log", 1).put("msg", "epoch 1 at http://localhost:8081/x"));
            write(writer, EventType.TRAINING_STATS_SCALAR, "scalar-1", event("task-1", "training_stats_scalar", 1)
                    .put("metric", "loss").put("variant", "train").put("value", 0.5));
            write(writer, EventType.TRAINING_DEBUG_IMAGE, "image-1", image("task-1", 1, "http://localhost:8081/p/t1/img.png"));
            write(writer, EventType.TRAINING_DEBUG_IMAGE, "image-2", image("task-1", 2, "http://localhost:80812/p/other.png"));
            write(writer, EventType.PLOT, "plot-1", plot("task-1", 1, "{\"layout\":{\"images\":[{\"source\":"
                    + "\"http://localhost:8081/p/plot.png\"}]}}"));
            write(writer, EventType.PLOT, "plot-big", plot("task-1", 2, bigPlot(-1)));
            write(writer, EventType.PLOT, "plot-compressed", plot("task-1", 3, bigPlot(+10)));
            write(writer, EventType.TRAINING_STATS_SCALAR, "model-scalar-1", event("model-1", "training_stats_scalar", 3)
                    .put("metric", "acc").put("variant", "val").put("value", 0.9).put("model_event", true));
            write(writer, EventType.LOG, "other-log", event("task-other", "log", 1).put("msg", "not moved"));
        }
        source.refresh(EventIndexNames.allTypes(sourceCompany));
    }

    /** A stale event of a moved task at the target, which the move replaces as an import does. */
    void seedStaleTargetEvent() {
        try (BulkWriter writer = target.bulkWriter()) {
            writer.index(EventIndexNames.index(EventType.LOG, targetCompany), "stale",
                    event("task-1", "log", 0).put("msg", "from an earlier run"));
        }
        target.refresh(EventIndexNames.allTypes(targetCompany));
    }

    EventMoveReport move(EventsVia via) {
        return new EventMover(source, target).move(new EventMoveRequest(sourceCompany, targetCompany, MOVED, URL_MAP, via));
    }

    /** Events of the moved ids by id, as the store holds them. */
    static Map<String, ObjectNode> events(EventStore store, String company) {
        Map<String, ObjectNode> events = new TreeMap<>();
        try (EventScroll scroll = store.scroll(EventQuery.ofTasks(company, MOVED))) {
            while (scroll.hasNext()) {
                EventHit hit = scroll.next();
                events.put(hit.id(), hit.source());
            }
        }
        return events;
    }

    /** The source's events of the moved ids as an import changes them, by the tool's own link engine. */
    Map<String, ObjectNode> expectedAtTarget() {
        Map<String, ObjectNode> expected = events(source, sourceCompany);
        LinkRewriter rewriter = new LinkRewriter(URL_MAP);
        expected.values().forEach(event -> {
            event.put("company_id", targetCompany);
            rewriter.rewriteEvent(event);
            PlotCodec.toExported(event);
        });
        return expected;
    }

    /** The target's events of the moved ids, plots decompressed (compression is checked apart). */
    Map<String, ObjectNode> atTargetDecompressed() {
        Map<String, ObjectNode> events = events(target, targetCompany);
        events.values().forEach(PlotCodec::toExported);
        return events;
    }

    @Override
    public void close() {
        for (EventStore store : List.of(source, target)) {
            for (String company : List.of(sourceCompany, targetCompany)) {
                store.client().send(ElasticRequest.json("DELETE", "/" + EventIndexNames.allTypes(company)
                        + "?ignore_unavailable=true&allow_no_indices=true", null));
            }
        }
    }

    private void write(BulkWriter writer, EventType type, String id, ObjectNode event) {
        writer.index(EventIndexNames.index(type, sourceCompany), id, event.put("company_id", sourceCompany));
    }

    static ObjectNode event(String task, String type, int iter) {
        return JSON.createObjectNode().put("task", task).put("type", type).put("iter", iter)
                .put("timestamp", 1_718_000_000_000L + iter).put("worker", "gpu-01").put("metric", "")
                .put("variant", "").put("model_event", false).put("@timestamp", "2024-06-10T06:13:20.00" + iter + "Z");
    }

    static ObjectNode image(String task, int iter, String url) {
        return event(task, "training_debug_image", iter).put("metric", "val").put("variant", "img")
                .put("key", "p/" + task + "/img" + iter + ".png").put("url", url);
    }

    /** A plot as ClearML stores it: measured, its sources listed, compressed from 100 000 characters. */
    static ObjectNode plot(String task, int iter, String plotStr) {
        return PlotCodec.toStored(event(task, "plot", iter).put("metric", "cm").put("variant", "val")
                .put("plot_str", plotStr));
    }

    /**
     * A plot {@code offset} characters off the compression threshold: just under it ({@code -1}), a longer
     * file-server URL pushes it over; over it, it is stored compressed already.
     */
    static String bigPlot(int offset) {
        String head = "{\"layout\":{\"images\":[{\"source\":\"http://localhost:8081/p/big.png\"}]},\"data\":\"";
        String tail = "\"}";
        return head + "x".repeat(PlotCodec.COMPRESSION_THRESHOLD + offset - head.length() - tail.length()) + tail;
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
