package clearml.migrate.undo;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.events.ElasticClient;
import clearml.migrate.events.ElasticSettings;
import clearml.migrate.events.EventStore;
import clearml.migrate.events.RecordedEngine;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Undo's read of one event by id against Elasticsearch 8 answers that are <b>recorded, not live</b> (no ES 8 node
 * runs here; {@link RecordedEngine} serves the ES 8.15 shapes in {@code src/test/resources/clearml/migrate/events/es8/}).
 */
class EventTargetEs8RecordedTest {

    private static final String INDEX = "events-log-d1bd92a3b039400cbafc60a7a5b1e52b";

    @Test
    void readsTheSourceOfAStoredEventAndNothingForAMissingOne() {
        try (RecordedEngine es8 = new RecordedEngine()
                .on("GET", "/" + INDEX + "/_doc/e1", 200, "get-doc.json")
                .on("GET", "/" + INDEX + "/_doc/e9", 404, "get-doc-missing.json");
             ElasticClient client = new ElasticClient(new ElasticSettings(List.of(es8.uri()), null, null));
             EventTarget target = new EventTarget(new EventStore(client))) {
            ObjectNode stored = target.find(INDEX, "e1");
            assertThat(stored).isNotNull();
            assertThat(stored.path("msg").asText()).isEqualTo("first");
            assertThat(stored.has("_primary_term")).isFalse();
            assertThat(target.find(INDEX, "e9")).isNull();
        }
    }
}
