package clearml.migrate.bench;

import clearml.migrate.events.BulkWriter;
import clearml.migrate.events.ElasticClient;
import clearml.migrate.events.ElasticSettings;
import clearml.migrate.events.EventIndexNames;
import clearml.migrate.events.EventStore;
import clearml.migrate.events.EventType;
import clearml.migrate.links.UrlMap;
import clearml.migrate.moving.EventMoveReport;
import clearml.migrate.moving.EventMoveRequest;
import clearml.migrate.moving.EventMover;
import clearml.migrate.moving.EventsVia;
import clearml.sandbox.EmbeddedOpenSearch;
import clearml.sandbox.EventTemplates;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Events moved between two real OpenSearch nodes, run by hand (not a test):
 * {@code java -cp … clearml.migrate.bench.MoveBenchmark TASKS EVENTS_PER_TASK}. Both nodes run in this JVM, the
 * second allow-listing the first. Times, in one run: the engine's own ceiling (one plain {@code _reindex} from the
 * remote of every event index, no script, no slicing), the mover's reindex (script, four slices at once), the
 * mover's reindex with a {@code --url-map} (plots then stream), and streaming through the tool. Each line:
 * {@code MODE EVENTS SECONDS RATIO-TO-CEILING}.
 */
public final class MoveBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = "benchsource";

    private MoveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = Integer.parseInt(args[0]);
        int perTask = Integer.parseInt(args[1]);
        Path home = Files.createTempDirectory("move-bench");
        try (EmbeddedOpenSearch source = EmbeddedOpenSearch.start(home.resolve("source"));
             EmbeddedOpenSearch target = EmbeddedOpenSearch.start(home.resolve("target"),
                     List.of("127.0.0.1:" + source.uri().getPort()))) {
            EventTemplates.install(source.uri());
            EventTemplates.install(target.uri());
            EventStore from = store(source);
            EventStore to = store(target);
            List<String> ids = seed(from, tasks, perTask);
            long events = (long) tasks * perTask;
            double ceiling = ceiling(to, source);
            System.out.printf("ceiling-reindex %d %.3f 1.00%n", events, ceiling);
            UrlMap map = UrlMap.parse(List.of("http://localhost:8081=https://files.new.io"));
            run("mover-reindex", to, from, ids, UrlMap.empty(), EventsVia.REINDEX, ceiling);
            run("mover-reindex-url-map", to, from, ids, map, EventsVia.REINDEX, ceiling);
            run("mover-stream", to, from, ids, map, EventsVia.STREAM, ceiling);
        }
    }

    private static void run(String mode, EventStore to, EventStore from, List<String> ids, UrlMap map, EventsVia via,
            double ceiling) {
        long start = System.nanoTime();
        EventMoveReport report = new EventMover(from, to).move(new EventMoveRequest(SOURCE, "bench" + mode.length(),
                ids, map, via));
        double seconds = (System.nanoTime() - start) / 1e9;
        long moved = report.types().stream().mapToLong(EventMoveReport.TypeMove::written).sum();
        System.out.printf("%s %d %.3f %.2f%n", mode, moved, seconds, seconds / ceiling);
    }

    /** One plain remote reindex per event index, one after the other: what the engine does with no script. */
    private static double ceiling(EventStore to, EmbeddedOpenSearch source) {
        long start = System.nanoTime();
        for (EventType type : List.of(EventType.LOG, EventType.TRAINING_STATS_SCALAR, EventType.PLOT,
                EventType.TRAINING_DEBUG_IMAGE)) {
            ObjectNode body = JSON.createObjectNode();
            ObjectNode src = body.putObject("source");
            src.putObject("remote").put("host", source.uri().toString());
            src.put("index", EventIndexNames.index(type, SOURCE)).put("size", type == EventType.PLOT ? 100 : 1000);
            body.putObject("dest").put("index", EventIndexNames.index(type, "benchceiling"));
            to.client().post("/_reindex?wait_for_completion=true&refresh=true", body);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static List<String> seed(EventStore store, int tasks, int perTask) {
        List<String> ids = new ArrayList<>();
        try (BulkWriter writer = store.bulkWriter()) {
            for (int t = 0; t < tasks; t++) {
                String task = String.format("%032x", t + 1);
                ids.add(task);
                for (int i = 0; i < perTask; i++) {
                    EventType type = i % 10 == 0 ? EventType.PLOT : i % 5 == 0 ? EventType.TRAINING_DEBUG_IMAGE
                            : i % 2 == 0 ? EventType.LOG : EventType.TRAINING_STATS_SCALAR;
                    writer.index(EventIndexNames.index(type, SOURCE), task + "-" + i, event(task, type, i));
                }
            }
        }
        store.refresh(EventIndexNames.allTypes(SOURCE));
        return ids;
    }

    private static ObjectNode event(String task, EventType type, int i) {
        ObjectNode event = JSON.createObjectNode().put("task", task).put("type", type.value()).put("iter", i)
                .put("timestamp", 1_718_000_000_000L + i).put("metric", "m" + (i % 7)).put("variant", "v")
                .put("worker", "w").put("model_event", false).put("company_id", SOURCE)
                .put("@timestamp", "2024-06-10T06:13:20.000Z");
        switch (type) {
            case LOG -> event.put("level", "info").put("msg", "step " + i + " done, loss " + (1.0 / (i + 1)));
            case TRAINING_STATS_SCALAR -> event.put("value", 1.0 / (i + 1));
            case TRAINING_DEBUG_IMAGE -> event.put("key", "k" + i).put("url", "http://localhost:8081/p/" + task
                    + "/img" + i + ".png");
            case PLOT -> event.put("plot_str", "{\"data\":[{\"x\":[1,2,3],\"y\":[" + i + ",2,3]}],\"layout\":"
                    + "{\"images\":[{\"source\":\"http://localhost:8081/p/" + task + "/p" + i + ".png\"}]}}");
            default -> { }
        }
        return event;
    }

    private static EventStore store(EmbeddedOpenSearch node) {
        return new EventStore(new ElasticClient(new ElasticSettings(List.of(node.uri()), null, null)));
    }
}
