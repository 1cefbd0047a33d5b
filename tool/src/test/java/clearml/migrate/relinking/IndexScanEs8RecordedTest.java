package clearml.migrate.relinking;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.events.ElasticClient;
import clearml.migrate.events.ElasticSettings;
import clearml.migrate.events.EventHit;
import clearml.migrate.events.RecordedEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Relink's whole-index scan against Elasticsearch 8 answers that are <b>recorded, not live</b> (no ES 8 node runs
 * here; {@link RecordedEngine} serves the ES 8.15 shapes in {@code src/test/resources/clearml/migrate/events/es8/}).
 */
class IndexScanEs8RecordedTest {

    private static final String INDEX = "events-log-d1bd92a3b039400cbafc60a7a5b1e52b";

    @Test
    void scansEveryPageAndClearsTheScrollAtTheEmptyOne() {
        try (RecordedEngine es8 = new RecordedEngine()
                .on("POST", "/" + INDEX + "/_search", "scroll-page-1.json")
                .on("POST", "/_search/scroll", "scroll-page-2.json", "scroll-page-3.json", "scroll-empty-page.json")
                .on("DELETE", "/_search/scroll", "clear-scroll.json");
             ElasticClient client = new ElasticClient(new ElasticSettings(List.of(es8.uri()), null, null))) {
            List<String> ids = new ArrayList<>();
            long total;
            try (IndexScan scan = new IndexScan(client, INDEX)) {
                total = scan.total();
                scan.forEachRemaining(hit -> ids.add(hit.id()));
            }

            assertThat(total).isEqualTo(5);
            assertThat(ids).hasSize(5).doesNotHaveDuplicates().startsWith("2b9c1e3f6a1d4e0c8b7a5d4c3b2a1f0e")
                    .endsWith("6f3a5c7d0e5b8c4a2f1e9b8a7f6e5d4c");
            assertThat(es8.received("POST", "/_search/scroll")).hasSize(3);
            assertThat(es8.received("DELETE", "/_search/scroll")).singleElement()
                    .extracting(RecordedEngine.Received::body).asString().contains("VzVC");
        }
    }

    @Test
    void keepsTheEventSourceAsAnObjectNode() {
        try (RecordedEngine es8 = new RecordedEngine()
                .on("POST", "/" + INDEX + "/_search", "scroll-page-3.json")
                .on("DELETE", "/_search/scroll", "clear-scroll.json");
             ElasticClient client = new ElasticClient(new ElasticSettings(List.of(es8.uri()), null, null));
             IndexScan scan = new IndexScan(client, INDEX)) {
            EventHit hit = scan.next();

            assertThat(hit.index()).isEqualTo("events-training_stats_scalar-d1bd92a3b039400cbafc60a7a5b1e52b");
            assertThat(hit.source().path("metric").asText()).isEqualTo("loss");
        }
    }
}
