package clearml.migrate.events;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.sandbox.junit.SearchEngine;
import clearml.sandbox.junit.SearchEngineTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;

/**
 * The event store's contract, run on a real OpenSearch 2.19 node and a real Elasticsearch 7.17 node, both with
 * ClearML's templates installed. Each test writes under companies of its own, so tests never see each other's
 * events, and deletes their indices afterwards.
 */
class EventStoreContractTest {

    private final List<Runnable> cleanups = new ArrayList<>();

    @AfterEach
    void deleteIndicesOfThisTest() {
        cleanups.forEach(Runnable::run);
    }

    @SearchEngineTest
    void describesTheEngine(SearchEngine engine) {
        EngineInfo info = store(engine).info();

        boolean openSearch = engine.name().startsWith("opensearch");
        assertThat(info.distribution()).isEqualTo(openSearch ? "opensearch" : "elasticsearch");
        assertThat(info.version()).startsWith(openSearch ? "2.19." : "7.17.");
        assertThat(info.majorVersion()).isEqualTo(openSearch ? 2 : 7);
        assertThat(info.clusterName()).isNotBlank();
    }

    @SearchEngineTest
    void findsClearmlTemplatesInstalledAsTheApiserverDoes(SearchEngine engine) {
        assertThat(store(engine).hasClearmlTemplates()).isTrue();
    }

    @SearchEngineTest
    void listsEventIndicesWithTypeCompanyAndCount(SearchEngine engine) {
        EventStore store = store(engine);
        String company = company(store);
        try (BulkWriter writer = store.bulkWriter()) {
            writer.index(EventIndexNames.index(EventType.LOG, company), "l1", log("t1", 1));
            writer.index(EventIndexNames.index(EventType.LOG, company), "l2", log("t1", 2));
            writer.index(EventIndexNames.index(EventType.TRAINING_STATS_SCALAR, company), "s1", scalar("t1", 1));
        }
        store.refresh(EventIndexNames.allTypes(company));

        String listed = store.eventIndices().stream()
                .filter(index -> index.company().equals(company))
                .map(index -> index.type() + "=" + index.docs())
                .collect(Collectors.joining(" "));
        assertThat(listed).isEqualTo("log=2 training_stats_scalar=1");
    }

    @SearchEngineTest
    void scrollsExactlyTheEventsOfTheGivenTasksAcrossPages(SearchEngine engine) {
        EventStore store = store(engine);
        String company = company(store);
        writeAll(store, company, List.of(
                hit(EventType.LOG, company, "a1", log("task-a", 1)),
                hit(EventType.TRAINING_STATS_SCALAR, company, "a2", scalar("task-a", 2)),
                hit(EventType.PLOT, company, "a3", plot("task-a", 3)),
                hit(EventType.TRAINING_DEBUG_IMAGE, company, "a4", image("task-a", 4)),
                hit(EventType.LOG, company, "a5", log("task-a", 5)),
                hit(EventType.LOG, company, "b1", log("task-b", 6))));

        List<EventHit> hits = scrollAll(store, EventQuery.ofTasks(company, List.of("task-a")),
                ScrollOptions.defaults().withPageSize(2).withOrder(EventOrder.TIMESTAMP));

        assertThat(trace(hits)).isEqualTo("log/a1 training_stats_scalar/a2 plot/a3 training_debug_image/a4 log/a5");
        assertThat(hits.get(2).source().get("plot_str").textValue()).isEqualTo("{\"data\":[]}");
    }

    @SearchEngineTest
    void scrollsTasksOfSeveralCompaniesAndLeavesOtherCompaniesAlone(SearchEngine engine) {
        EventStore store = store(engine);
        String first = company(store);
        String second = company(store);
        writeAll(store, first, List.of(hit(EventType.LOG, first, "x1", log("task-x", 1)),
                hit(EventType.LOG, first, "y1", log("task-y", 2))));
        writeAll(store, second, List.of(hit(EventType.TRAINING_STATS_SCALAR, second, "z1", scalar("task-z", 3)),
                hit(EventType.TRAINING_STATS_SCALAR, second, "x2", scalar("task-x", 4))));

        EventQuery query = new EventQuery(List.of(first, second, "no-such-company"), List.of("task-x", "task-z"),
                Set.of(), ModelEvents.ANY);
        List<EventHit> hits = scrollAll(store, query, ScrollOptions.defaults().withOrder(EventOrder.TIMESTAMP));

        assertThat(hits).extracting(EventHit::id).containsExactly("x1", "z1", "x2");
        assertThat(hits.get(1).index()).isEqualTo(EventIndexNames.index(EventType.TRAINING_STATS_SCALAR, second));
        assertThat(store.count(query)).isEqualTo(3);
    }

    @SearchEngineTest
    void scrollInIndexOrderReturnsEveryEventOnce(SearchEngine engine) {
        EventStore store = store(engine);
        String company = company(store);
        List<EventHit> written = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            written.add(hit(EventType.TRAINING_STATS_SCALAR, company, "s" + i, scalar("task-s", i)));
        }
        writeAll(store, company, written);

        try (EventScroll scroll = store.scroll(EventQuery.ofTasks(company, List.of("task-s")),
                ScrollOptions.defaults().withPageSize(7))) {
            assertThat(scroll.total()).isEqualTo(25);
            List<String> ids = new ArrayList<>();
            scroll.forEachRemaining(hit -> ids.add(hit.id()));
            assertThat(ids).containsExactlyInAnyOrderElementsOf(written.stream().map(EventHit::id).toList());
        }
    }

    @SearchEngineTest
    void clearsTheScrollContextWhenClosedEarlyAndWhenExhausted(SearchEngine engine) {
        EventStore store = store(engine);
        String company = company(store);
        List<EventHit> written = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            written.add(hit(EventType.LOG, company, "l" + i, log("task-c", i)));
        }
        writeAll(store, company, written);
        EventQuery query = EventQuery.ofTasks(company, List.of("task-c"));
        long before = openScrollContexts(store);

        try (EventScroll scroll = store.scroll(query, ScrollOptions.defaults().withPageSize(3))) {
            scroll.next();
            assertThat(openScrollContexts(store)).isGreaterThan(before);
        }
        assertThat(openScrollContexts(store)).isEqualTo(before);

        EventScroll exhausted = store.scroll(query, ScrollOptions.defaults().withPageSize(3));
        exhausted.forEachRemaining(hit -> { });
        assertThat(openScrollContexts(store)).isEqualTo(before);
    }

    @SearchEngineTest
    void filtersModelEvents(SearchEngine engine) {
        EventStore store = store(engine);
        String company = company(store);
        writeAll(store, company, List.of(
                hit(EventType.TRAINING_STATS_SCALAR, company, "task", scalar("id-1", 1).put("model_event", false)),
                hit(EventType.TRAINING_STATS_SCALAR, company, "legacy", scalar("id-1", 2)),
                hit(EventType.TRAINING_STATS_SCALAR, company, "model", scalar("id-1", 3).put("model_event", true))));
        EventQuery query = EventQuery.ofTasks(company, List.of("id-1"));
        ScrollOptions ordered = ScrollOptions.defaults().withOrder(EventOrder.TIMESTAMP);

        assertThat(trace(scrollAll(store, query.withModelEvents(ModelEvents.EXCLUDED), ordered)))
                .isEqualTo("training_stats_scalar/task training_stats_scalar/legacy");
        assertThat(trace(scrollAll(store, query.withModelEvents(ModelEvents.ONLY), ordered)))
                .isEqualTo("training_stats_scalar/model");
        assertThat(store.count(query.withTypes(Set.of(EventType.LOG)))).isZero();
    }

    @SearchEngineTest
    void splitsBulkIntoRequestsBySize(SearchEngine engine) {
        EventStore store = store(engine);
        String company = company(store);
        String index = EventIndexNames.index(EventType.LOG, company);
        ObjectNode event = log("task-big", 0).put("msg", "x".repeat(1000));
        int actionBytes = BulkBatch.indexAction(index, "00", event).length;

        BulkReport report;
        try (BulkWriter writer = store.bulkWriter(BulkOptions.defaults().withMaxRequestBytes(3L * actionBytes))) {
            for (int i = 0; i < 10; i++) {
                writer.index(index, String.format("%02d", i), event);
            }
            report = writer.flush();
        }
        store.refresh(index);

        assertThat(report.requests()).isEqualTo(4); // 3 + 3 + 3 + 1 actions
        assertThat(report.indexed()).isEqualTo(10);
        assertThat(report.hasFailures()).isFalse();
        assertThat(store.count(index, List.of("task-big"))).isEqualTo(10);
    }

    @SearchEngineTest
    void reportsRefusedActionsWithoutThrowing(SearchEngine engine) {
        EventStore store = store(engine);
        String company = company(store);
        String index = EventIndexNames.index(EventType.TRAINING_STATS_SCALAR, company);
        ObjectNode bad = scalar("task-bad", 1).put("iter", "not a number");

        BulkReport report;
        try (BulkWriter writer = store.bulkWriter()) {
            writer.index(index, "good", scalar("task-bad", 1));
            writer.index(index, "bad", bad);
            writer.delete(index, "never-written");
            report = writer.flush();
        }

        assertThat(report.indexed()).isEqualTo(1);
        assertThat(report.notFound()).isEqualTo(1);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.id()).isEqualTo("bad");
            assertThat(failure.status()).isEqualTo(400);
            assertThat(failure.reason()).startsWith("mapper_parsing_exception");
        });
    }

    @SearchEngineTest
    void deletesOnlyTheGivenTasksEvents(SearchEngine engine) {
        EventStore store = store(engine);
        String company = company(store);
        writeAll(store, company, List.of(
                hit(EventType.LOG, company, "k1", log("keep", 1)),
                hit(EventType.LOG, company, "g1", log("gone", 2)),
                hit(EventType.PLOT, company, "g2", plot("gone", 3)),
                hit(EventType.TRAINING_STATS_SCALAR, company, "k2", scalar("keep", 4))));

        long deleted = store.deleteTaskEvents(company, List.of("gone"));

        assertThat(deleted).isEqualTo(2);
        assertThat(store.count(EventIndexNames.allTypes(company), List.of("gone"))).isZero();
        assertThat(store.count(EventIndexNames.allTypes(company), List.of("keep"))).isEqualTo(2);
        assertThat(store.deleteTaskEvents("no-such-company", List.of("gone"))).isZero();
    }

    @SearchEngineTest
    void countsAndDigestsEachTasksStoredEventsAsTheyWereWritten(SearchEngine engine) {
        EventStore store = store(engine);
        String company = company(store);
        List<EventHit> taskA = List.of(hit(EventType.LOG, company, "a1", log("task-a", 1)),
                hit(EventType.TRAINING_STATS_SCALAR, company, "a2", scalar("task-a", 2).put("value", 0.1f)),
                hit(EventType.TRAINING_STATS_SCALAR, company, "a3", scalar("task-a", 3)));
        List<EventHit> taskB = List.of(hit(EventType.PLOT, company, "b1", plot("task-b", 4)));
        List<EventHit> all = new ArrayList<>(taskA);
        all.addAll(taskB);
        all.add(hit(EventType.LOG, company, "c1", log("task-c", 5)));
        writeAll(store, company, all);

        var counts = store.countByTask(company, List.of("task-a", "task-b", "task-none"));
        var digests = store.digestByTask(company, List.of("task-a", "task-b", "task-none"));

        assertThat(counts).containsOnlyKeys("task-a", "task-b");
        assertThat(counts.get("task-a")).containsExactlyInAnyOrderEntriesOf(
                java.util.Map.of(EventType.LOG, 1L, EventType.TRAINING_STATS_SCALAR, 2L));
        assertThat(counts.get("task-b")).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(EventType.PLOT, 1L));
        assertThat(digests).containsOnlyKeys("task-a", "task-b");
        assertThat(digests.get("task-a")).isEqualTo(digest(taskA)).isNotEqualTo(digest(taskA.subList(0, 2)));
        assertThat(digests.get("task-b")).isEqualTo(digest(taskB));
        assertThat(store.countByTask(company, List.of())).isEmpty();
        assertThat(store.digestByTask("no-such-company", List.of("task-a"))).isEmpty();
    }

    private static EventDigest digest(List<EventHit> hits) {
        EventDigest digest = new EventDigest();
        hits.forEach(hit -> digest.add(hit.id(), hit.source()));
        return digest;
    }

    @SearchEngineTest
    void createsVectorIndexWithClearmlsCommonMapping(SearchEngine engine) {
        EventStore store = store(engine);
        String company = company(store);
        String index = EventIndexNames.index(EventType.TRAINING_STATS_VECTOR, company);

        assertThat(store.prepareIndex(EventType.TRAINING_STATS_VECTOR, company)).isTrue();
        assertThat(store.prepareIndex(EventType.TRAINING_STATS_VECTOR, company)).isFalse();
        assertThat(store.prepareIndex(EventType.LOG, company)).isFalse();

        JsonNode properties = store.client().get("/" + index + "/_mapping").path(index).path("mappings").path("properties");
        assertThat(properties.path("task").path("type").asText()).isEqualTo("keyword");
        assertThat(properties.path("iter").path("type").asText()).isEqualTo("long");
        assertThat(properties.path("value").path("type").asText()).isEqualTo("float");
    }

    @SearchEngineTest
    void readsNothingFromACompanyWithoutIndices(SearchEngine engine) {
        EventStore store = store(engine);
        EventQuery query = EventQuery.ofTasks("no-such-company", List.of("t"));

        assertThat(scrollAll(store, query, ScrollOptions.defaults())).isEmpty();
        assertThat(store.count(query)).isZero();
    }

    private static long openScrollContexts(EventStore store) {
        long open = 0;
        for (JsonNode node : store.client().get("/_nodes/stats/indices/search").path("nodes")) {
            open += node.path("indices").path("search").path("scroll_current").asLong();
        }
        return open;
    }

    private EventStore store(SearchEngine engine) {
        ElasticClient client = new ElasticClient(new ElasticSettings(List.of(engine.uri()), null, null));
        cleanups.add(client::close);
        return new EventStore(client);
    }

    /** A fresh company id, in upper case to show that index names lower-case it; its indices go after the test. */
    private String company(EventStore store) {
        String company = "Co" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        cleanups.add(0, () -> store.client().send(
                ElasticRequest.json("DELETE", "/" + EventIndexNames.allTypes(company) + "?ignore_unavailable=true", null)));
        return company.toLowerCase(java.util.Locale.ROOT);
    }

    private static void writeAll(EventStore store, String company, List<EventHit> hits) {
        try (BulkWriter writer = store.bulkWriter()) {
            hits.forEach(hit -> writer.index(hit.index(), hit.id(), hit.source()));
            assertThat(writer.flush().indexed()).isEqualTo(hits.size());
        }
        store.refresh(EventIndexNames.allTypes(company));
    }

    private static List<EventHit> scrollAll(EventStore store, EventQuery query, ScrollOptions options) {
        List<EventHit> hits = new ArrayList<>();
        try (EventScroll scroll = store.scroll(query, options)) {
            scroll.forEachRemaining(hits::add);
        }
        return hits;
    }

    private static String trace(List<EventHit> hits) {
        return hits.stream()
                .map(hit -> EventIndexNames.parse(hit.index()).orElseThrow().type() + "/" + hit.id())
                .collect(Collectors.joining(" "));
    }

    private static EventHit hit(EventType type, String company, String id, ObjectNode source) {
        return new EventHit(EventIndexNames.index(type, company), id, source);
    }

    private static ObjectNode event(String type, String task, long timestamp) {
        return ElasticJson.MAPPER.createObjectNode().put("task", task).put("type", type)
                .put("timestamp", 1_718_000_000_000L + timestamp).put("iter", timestamp)
                .put("metric", "").put("variant", "").put("worker", "").put("@timestamp", "2024-06-10T06:15:00.123Z");
    }

    private static ObjectNode log(String task, long timestamp) {
        return event("log", task, timestamp).put("level", "info").put("msg", "line " + timestamp);
    }

    private static ObjectNode scalar(String task, long timestamp) {
        return event("training_stats_scalar", task, timestamp).put("metric", "loss").put("variant", "train")
                .put("value", 0.5 + timestamp);
    }

    private static ObjectNode plot(String task, long timestamp) {
        return event("plot", task, timestamp).put("metric", "cm").put("plot_str", "{\"data\":[]}").put("plot_len", 11);
    }

    private static ObjectNode image(String task, long timestamp) {
        return event("training_debug_image", task, timestamp).put("metric", "val").put("variant", "img")
                .put("key", "p/val/img.png").put("url", "http://localhost:8081/p/val/img.png");
    }
}
