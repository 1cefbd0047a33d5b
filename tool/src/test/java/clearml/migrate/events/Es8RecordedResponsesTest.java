package clearml.migrate.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.events.RecordedEngine.Received;
import clearml.migrate.failures.StoreAccessDeniedException;
import clearml.migrate.failures.StoreRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every {@link EventStore} and {@link ElasticClient} operation the tool uses, against Elasticsearch 8 answers.
 * The bodies are <b>recorded, not live</b>: no ES 8 node can run here, so {@link RecordedEngine} serves the ES 8.15
 * shapes kept in {@code src/test/resources/clearml/migrate/events/es8/} (see the README there) over a loopback
 * socket. The live engines (OpenSearch 2.19, ES 7.17) are covered by {@code EventStoreContractTest}.
 */
class Es8RecordedResponsesTest {

    private static final String COMPANY = "d1bd92a3b039400cbafc60a7a5b1e52b";
    private static final String TASK = "8d1c2f0e5a3b4c6d9e7f1a2b3c4d5e6f";
    private static final String ALL_TYPES = "/events-*-" + COMPANY;
    private static final String LOG_INDEX = "events-log-" + COMPANY;
    private static final String SCALAR_INDEX = "events-training_stats_scalar-" + COMPANY;
    private static final ElasticClientOptions FAST = ElasticClientOptions.defaults()
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20));

    private final RecordedEngine es8 = new RecordedEngine();
    private final ElasticClient client = new ElasticClient(new ElasticSettings(List.of(es8.uri()), null, null), FAST);
    private final EventStore store = new EventStore(client);

    @AfterEach
    void stop() {
        client.close();
        es8.close();
    }

    @Test
    void readsTheNodeInfoAndTheProductHeader() {
        es8.on("GET", "/", "info.json");

        EngineInfo info = store.info();

        assertThat(info).isEqualTo(new EngineInfo(EngineInfo.ELASTICSEARCH, "8.15.3", "clearml"));
        assertThat(info.majorVersion()).isEqualTo(8);
        assertThat(info.isOpenSearch()).isFalse();
        assertThat(client.send(ElasticRequest.json("GET", "/", null)).product()).isEqualTo("Elasticsearch");
    }

    @Test
    void listsClearmlEventIndicesWithTheirCountsGivenAsStrings() {
        es8.on("GET", "/_cat/indices/events-*", "cat-indices.json");

        assertThat(store.eventIndices()).containsExactly(
                new EventIndex(LOG_INDEX, EventType.LOG, COMPANY, 3),
                new EventIndex("events-plot-" + COMPANY, EventType.PLOT, COMPANY, 0),
                new EventIndex(SCALAR_INDEX, EventType.TRAINING_STATS_SCALAR, COMPANY, 1250));
    }

    @Test
    void countsTheEventsOfTasks() {
        es8.on("POST", ALL_TYPES + "/_count", "count.json");

        assertThat(store.count(EventQuery.ofTasks(COMPANY, List.of(TASK)))).isEqualTo(5);
        assertThat(es8.received("POST", ALL_TYPES + "/_count").get(0).body())
                .isEqualTo("{\"query\":{\"bool\":{\"filter\":[{\"terms\":{\"task\":[\"" + TASK + "\"]}}]}}}");
    }

    @Test
    void scrollsSeveralPagesFollowingEachScrollIdThenClearsTheLast() {
        es8.on("POST", ALL_TYPES + "/_search", "scroll-page-1.json")
                .on("POST", "/_search/scroll", "scroll-page-2.json", "scroll-page-3.json")
                .on("DELETE", "/_search/scroll", "clear-scroll.json");
        String firstId = scrollId("scroll-page-1.json");
        String lastId = scrollId("scroll-page-3.json");

        List<String> ids = new ArrayList<>();
        long total;
        try (EventScroll scroll = store.scroll(EventQuery.ofTasks(COMPANY, List.of(TASK)),
                ScrollOptions.defaults().withPageSize(2))) {
            total = scroll.total();
            scroll.forEachRemaining(hit -> ids.add(hit.index().substring(7, 10) + " " + hit.id()));
        }

        assertThat(total).isEqualTo(5);
        assertThat(ids).containsExactly("log 2b9c1e3f6a1d4e0c8b7a5d4c3b2a1f0e", "log 3c0d2f4a7b2e5f1d9c8b6e5d4c3b2a1f",
                "log 4d1e3a5b8c3f6a2e0d9c7f6e5d4c3b2a", "tra 5e2f4b6c9d4a7b3f1e0d8a7f6e5d4c3b",
                "tra 6f3a5c7d0e5b8c4a2f1e9b8a7f6e5d4c");
        List<Received> continued = es8.received("POST", "/_search/scroll");
        assertThat(continued).extracting(r -> json(r.body()).path("scroll_id").asText())
                .containsExactly(firstId, scrollId("scroll-page-2.json"));
        assertThat(es8.received("DELETE", "/_search/scroll")).singleElement()
                .extracting(r -> json(r.body()).path("scroll_id").path(0).asText()).isEqualTo(lastId);
        assertThat(es8.received()).hasSize(4); // the page with the fifth event is known to be the last
    }

    @Test
    void readsTheSourceOfAScrolledEventUntouched() {
        es8.on("POST", ALL_TYPES + "/_search", "scroll-page-3.json")
                .on("DELETE", "/_search/scroll", "clear-scroll.json");

        try (EventScroll scroll = store.scroll(EventQuery.ofTasks(COMPANY, List.of(TASK)))) {
            EventHit hit = scroll.next();

            assertThat(hit.source().path("value").doubleValue()).isEqualTo(0.0625);
            assertThat(hit.source().has("_type")).isFalse();
            assertThat(hit.source().size()).isEqualTo(10);
        }
    }

    @Test
    void stopsAtAnEmptyPageWhenTheTotalWasNotReached() {
        es8.on("POST", ALL_TYPES + "/_search", "scroll-page-1.json")
                .on("POST", "/_search/scroll", "scroll-empty-page.json")
                .on("DELETE", "/_search/scroll", "clear-scroll.json");

        try (EventScroll scroll = store.scroll(EventQuery.ofTasks(COMPANY, List.of(TASK)))) {
            assertThat(scroll).toIterable().hasSize(2);
        }
        assertThat(es8.received("DELETE", "/_search/scroll")).hasSize(1);
    }

    @Test
    void clearsAScrollClosedEarly() {
        es8.on("POST", ALL_TYPES + "/_search", "scroll-page-1.json")
                .on("DELETE", "/_search/scroll", "clear-scroll.json");

        try (EventScroll scroll = store.scroll(EventQuery.ofTasks(COMPANY, List.of(TASK)))) {
            scroll.next();
        }

        assertThat(es8.received("DELETE", "/_search/scroll")).singleElement()
                .extracting(r -> json(r.body()).path("scroll_id").path(0).asText())
                .isEqualTo(scrollId("scroll-page-1.json"));
        assertThat(es8.received("POST", "/_search/scroll")).isEmpty();
    }

    @Test
    void failsOnAPageWithAFailedShardRatherThanSkippingEvents() {
        es8.on("POST", ALL_TYPES + "/_search", "search-shard-failure.json")
                .on("DELETE", "/_search/scroll", "clear-scroll.json");

        try (EventScroll scroll = store.scroll(EventQuery.ofTasks(COMPANY, List.of(TASK)))) {
            assertThatThrownBy(scroll::hasNext).isInstanceOf(StoreRequestException.class)
                    .hasMessage("Elasticsearch at " + es8.uri() + " returned incomplete results for events-*-" + COMPANY
                            + ": 1 of 3 shards failed ([parent] Data too large, data for [<reused_arrays>] would be"
                            + " [1031798784/984mb], which is larger than the limit of [1020054732/972.7mb])"
                            + " — check the cluster's health and run the command again");
        }
        assertThat(es8.received("DELETE", "/_search/scroll")).hasSize(1);
    }

    @Test
    void anExpiredScrollFailsWithTheRootCause() {
        es8.on("POST", ALL_TYPES + "/_search", "scroll-page-1.json")
                .on("POST", "/_search/scroll", 404, "error-scroll-expired.json")
                .on("DELETE", "/_search/scroll", 200, "clear-scroll-gone.json");

        try (EventScroll scroll = store.scroll(EventQuery.ofTasks(COMPANY, List.of(TASK)),
                ScrollOptions.defaults().withPageSize(2))) {
            scroll.next();
            scroll.next();
            assertThatThrownBy(scroll::hasNext).isInstanceOf(StoreRequestException.class)
                    .hasMessage("Elasticsearch at " + es8.uri() + " rejected POST /_search/scroll (HTTP 404):"
                            + " search_phase_execution_exception: all shards failed"
                            + " (root cause: search_context_missing_exception: No search context found for id [3])");
        }
    }

    @Test
    void resendsOnlyItemsRefusedWith429AndReportsTheMappingErrorWithItsCause() {
        es8.on("POST", "/_bulk", "bulk-partial-failure.json", "bulk-retried-item.json");

        BulkReport report;
        try (BulkWriter writer = store.bulkWriter(BulkOptions.defaults().withConcurrency(1))) {
            writer.index(LOG_INDEX, "e1", client.mapper().createObjectNode().put("msg", "one"));
            writer.index(LOG_INDEX, "e2", client.mapper().createObjectNode().put("msg", "two"));
            writer.index(SCALAR_INDEX, "e3", client.mapper().createObjectNode().put("iter", "three"));
            writer.index(LOG_INDEX, "e4", client.mapper().createObjectNode().put("msg", "four"));
            report = writer.flush();
        }

        assertThat(report).isEqualTo(new BulkReport(3, 0, 0, 1, 2, 1, List.of(new BulkFailure(SCALAR_INDEX, "e3", 400,
                "document_parsing_exception: [1:27] failed to parse field [iter] of type [long] in document with id"
                        + " 'e3'. Preview of field's value: 'three' (caused by: illegal_argument_exception: For input"
                        + " string: \"three\")"))));
        assertThat(es8.received("POST", "/_bulk").get(1).body())
                .isEqualTo("{\"index\":{\"_index\":\"" + LOG_INDEX + "\",\"_id\":\"e2\"}}\n{\"msg\":\"two\"}\n");
    }

    @Test
    void resendsABulkRefusedAsAWholeWith429() {
        es8.on("POST", "/_bulk", 429, "error-bulk-rejected-429.json").on("POST", "/_bulk", 200, "bulk-retried-item.json");

        BulkReport report;
        try (BulkWriter writer = store.bulkWriter()) {
            writer.index(LOG_INDEX, "e2", client.mapper().createObjectNode().put("msg", "two"));
            report = writer.flush();
        }

        assertThat(report).isEqualTo(new BulkReport(1, 0, 0, 0, 1, 0, List.of()));
        assertThat(es8.received("POST", "/_bulk")).hasSize(2);
    }

    @Test
    void countsADeleteOfAMissingEventAsNotFound() {
        es8.on("POST", "/_bulk", "bulk-deletes.json");

        BulkReport report;
        try (BulkWriter writer = store.bulkWriter()) {
            writer.delete(LOG_INDEX, "e1");
            writer.delete(LOG_INDEX, "gone");
            report = writer.flush();
        }

        assertThat(report).isEqualTo(new BulkReport(0, 1, 1, 0, 1, 0, List.of()));
    }

    @Test
    void deletesTheEventsOfTasksAndRefreshes() {
        es8.on("POST", ALL_TYPES + "/_delete_by_query", "delete-by-query.json")
                .on("POST", ALL_TYPES + "/_refresh", "refresh.json");

        assertThat(store.deleteTaskEvents(COMPANY, List.of(TASK))).isEqualTo(5);
        store.refresh(ALL_TYPES.substring(1));

        assertThat(es8.received("POST", ALL_TYPES + "/_delete_by_query")).singleElement()
                .extracting(Received::path).asString().contains("conflicts=proceed").contains("refresh=true");
        assertThat(es8.received("POST", ALL_TYPES + "/_refresh")).hasSize(1);
    }

    @Test
    void failsADeleteThatLeftEventsBehindInOneLine() {
        es8.on("POST", ALL_TYPES + "/_delete_by_query", "delete-by-query-failures.json");

        assertThatThrownBy(() -> store.deleteTaskEvents(COMPANY, List.of(TASK)))
                .isInstanceOf(StoreRequestException.class)
                .hasMessage("Elasticsearch at " + es8.uri() + " could not delete 2 events of 1 tasks in events-*-"
                        + COMPANY + ": index [" + LOG_INDEX + "] blocked by: [TOO_MANY_REQUESTS/12/disk usage exceeded"
                        + " flood-stage watermark, index has read-only-allow-delete block]; — check the cluster's"
                        + " health and run the command again");
    }

    @Test
    void findsClearmlsComposableTemplates() {
        es8.on("GET", "/_index_template/events*", "index-templates.json");

        assertThat(store.hasClearmlTemplates()).isTrue();
        assertThat(es8.received()).hasSize(1);
    }

    @Test
    void fallsBackToTheDeprecatedLegacyTemplates() {
        es8.on("GET", "/_index_template/events*", 404, "error-index-template-missing.json")
                .on("GET", "/_template/events*", 200, "legacy-templates.json");

        assertThat(store.hasClearmlTemplates()).isTrue();
    }

    @Test
    void findsNoTemplatesWhenNeitherKindMatches() {
        es8.on("GET", "/_index_template/events*", 404, "error-index-template-missing.json")
                .on("GET", "/_template/events*", 200, "legacy-templates-none.json");

        assertThat(store.hasClearmlTemplates()).isFalse();
    }

    @Test
    void createsTheMissingVectorIndexWithTheCommonMapping() {
        String vector = "/events-training_stats_vector-" + COMPANY;
        es8.on("HEAD", vector, 404, null).on("PUT", vector, 200, "create-index.json");

        assertThat(store.prepareIndex(EventType.TRAINING_STATS_VECTOR, COMPANY)).isTrue();

        JsonNode created = json(es8.received("PUT", vector).get(0).body());
        assertThat(created.path("mappings").path("properties").path("task").path("type").asText()).isEqualTo("keyword");
        assertThat(created.has("_type")).isFalse();
    }

    @Test
    void leavesAVectorIndexAnotherWriterCreatedMeanwhile() {
        String vector = "/events-training_stats_vector-" + COMPANY;
        es8.on("HEAD", vector, 404, null).on("PUT", vector, 400, "error-index-exists.json");

        assertThat(store.prepareIndex(EventType.TRAINING_STATS_VECTOR, COMPANY)).isFalse();
    }

    @Test
    void leavesAnExistingVectorIndexAlone() {
        String vector = "/events-training_stats_vector-" + COMPANY;
        es8.on("HEAD", vector, 200, null);

        assertThat(store.prepareIndex(EventType.TRAINING_STATS_VECTOR, COMPANY)).isFalse();
        assertThat(es8.received("PUT", vector)).isEmpty();
    }

    @Test
    void asksForALoginWhenSecurityIsOnAsByDefaultOnEs8() {
        es8.on("GET", "/", 401, "error-security-401.json");

        assertThatThrownBy(store::info).isInstanceOf(StoreAccessDeniedException.class)
                .hasMessage("Elasticsearch at " + es8.uri() + " requires a login (HTTP 401) — give --elastic-user"
                        + " and a password, or --elastic-api-key");
    }

    @Test
    void namesTheRootCauseOfARejectedRequest() {
        es8.on("POST", ALL_TYPES + "/_search", 400, "error-illegal-argument.json");

        try (EventScroll scroll = store.scroll(EventQuery.ofTasks(COMPANY, List.of(TASK)))) {
            assertThatThrownBy(scroll::hasNext).isInstanceOf(StoreRequestException.class)
                    .hasMessageStartingWith("Elasticsearch at " + es8.uri() + " rejected POST " + ALL_TYPES
                            + "/_search (HTTP 400): illegal_argument_exception: Keep alive for request (2d) is too large.");
        }
    }

    private static String scrollId(String file) {
        return json(RecordedEngine.recorded(file)).path("_scroll_id").asText();
    }

    private static JsonNode json(String text) {
        return ElasticJson.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
