package clearml.migrate.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.events.LoopbackServer.Answer;
import clearml.migrate.events.LoopbackServer.Received;
import clearml.migrate.failures.StoreRequestException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link BulkWriter} against a loopback server that answers as an overloaded engine does: the whole request or
 * single items refused with 429. A healthy embedded node cannot be made to do that on demand.
 */
class BulkWriterTest {

    private static final ElasticClientOptions FAST = ElasticClientOptions.defaults()
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20));
    private static final Duration PATIENCE = Duration.ofMillis(300);
    private static final String CREATED = "{\"index\":{\"status\":201,\"result\":\"created\"}}";

    @Test
    void resendsBulkRefusedAsAWholeWith429() throws IOException {
        try (LoopbackServer server = new LoopbackServer(
                new Answer(429, "{\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"queue full\"}}"),
                new Answer(200, "{\"items\":[" + CREATED + "," + CREATED + "]}"))) {
            BulkReport report = writeTwo(server);

            assertThat(report.indexed()).isEqualTo(2);
            assertThat(report.hasFailures()).isFalse();
            assertThat(server.received()).extracting(Received::body).containsOnly(
                    "{\"index\":{\"_index\":\"events-log-c\",\"_id\":\"1\"}}\n{\"msg\":\"one\"}\n"
                    + "{\"index\":{\"_index\":\"events-log-c\",\"_id\":\"2\"}}\n{\"msg\":\"two\"}\n");
            assertThat(server.received()).hasSize(2);
        }
    }

    @Test
    void resendsOnlyTheItemsRefusedWith429() throws IOException {
        String refused = "{\"index\":{\"status\":429,\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"busy\"}}}";
        try (LoopbackServer server = new LoopbackServer(
                new Answer(200, "{\"items\":[" + CREATED + "," + refused + "]}"),
                new Answer(200, "{\"items\":[" + CREATED + "]}"))) {
            BulkReport report = writeTwo(server);

            assertThat(report).isEqualTo(new BulkReport(2, 0, 0, 0, 2, 1, List.of()));
            assertThat(server.received().get(1).body())
                    .isEqualTo("{\"index\":{\"_index\":\"events-log-c\",\"_id\":\"2\"}}\n{\"msg\":\"two\"}\n");
            assertThat(server.received().get(1).path()).startsWith("/_bulk?");
        }
    }

    @Test
    void countsItemsStillRefusedAfterTheLastAttemptAsFailures() throws IOException {
        String refused = "{\"index\":{\"status\":429,\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"busy\"}}}";
        try (LoopbackServer server = new LoopbackServer(new Answer(200, "{\"items\":[" + refused + "]}"));
             ElasticClient client = new ElasticClient(new ElasticSettings(List.of(server.uri()), null, null, PATIENCE), FAST)) {
            BulkReport report;
            try (BulkWriter writer = new EventStore(client).bulkWriter(BulkOptions.defaults())) {
                writer.index("events-log-c", "1", client.mapper().createObjectNode().put("msg", "one"));
                report = writer.flush();
            }

            assertThat(report.failed()).isEqualTo(1);
            assertThat(report.failures()).containsExactly(
                    new BulkFailure("events-log-c", "1", 429, "es_rejected_execution_exception: busy"));
            assertThat(server.received()).hasSize(BulkOptions.defaults().maxItemAttempts());
        }
    }

    @Test
    void throwsARejectedRequestFromTheNextCall() throws IOException {
        try (LoopbackServer server = new LoopbackServer(new Answer(400,
                "{\"error\":{\"type\":\"illegal_argument_exception\",\"reason\":\"Malformed action\"},\"status\":400}"));
             ElasticClient client = new ElasticClient(new ElasticSettings(List.of(server.uri()), null, null, PATIENCE), FAST)) {
            BulkWriter writer = new EventStore(client).bulkWriter();
            writer.index("events-log-c", "1", client.mapper().createObjectNode());

            assertThatThrownBy(writer::flush)
                    .isInstanceOf(StoreRequestException.class)
                    .hasMessage("Elasticsearch at " + server.uri() + " rejected POST /_bulk (HTTP 400): "
                            + "illegal_argument_exception: Malformed action");
            writer.close();
        }
    }

    @Test
    void aTicketWaitsForTheRequestsSentBeforeItNotForThoseAfter() throws IOException {
        try (LoopbackServer server = new LoopbackServer(
                new Answer(200, "{\"items\":[" + CREATED + "]}"),
                new Answer(200, "{\"items\":[" + CREATED + "]}", 1500));
             ElasticClient client = new ElasticClient(new ElasticSettings(List.of(server.uri()), null, null, PATIENCE), FAST);
             // one request at a time, so that the first request sent is the first answered (the quick one)
             BulkWriter writer = new EventStore(client).bulkWriter(BulkOptions.defaults().withConcurrency(1))) {
            writer.index("events-log-c", "1", client.mapper().createObjectNode().put("msg", "one"));
            BulkWriter.Sent first = writer.send();
            writer.index("events-log-c", "2", client.mapper().createObjectNode().put("msg", "two"));
            BulkWriter.Sent second = writer.send();

            first.await();
            assertThat(writer.report().indexed()).isEqualTo(1); // the second is still held by the engine
            second.await();
            assertThat(writer.report().indexed()).isEqualTo(2);
            assertThat(server.received()).hasSize(2);
        }
    }

    @Test
    void aTicketThrowsTheErrorOfARejectedRequest() throws IOException {
        try (LoopbackServer server = new LoopbackServer(new Answer(400,
                "{\"error\":{\"type\":\"illegal_argument_exception\",\"reason\":\"Malformed action\"},\"status\":400}"));
             ElasticClient client = new ElasticClient(new ElasticSettings(List.of(server.uri()), null, null, PATIENCE), FAST)) {
            BulkWriter writer = new EventStore(client).bulkWriter();
            writer.index("events-log-c", "1", client.mapper().createObjectNode());

            assertThatThrownBy(writer.send()::await)
                    .isInstanceOf(StoreRequestException.class)
                    .hasMessageContaining("Malformed action");
            writer.close();
        }
    }

    private static BulkReport writeTwo(LoopbackServer server) {
        try (ElasticClient client = new ElasticClient(new ElasticSettings(List.of(server.uri()), null, null, PATIENCE), FAST);
             BulkWriter writer = new EventStore(client).bulkWriter()) {
            writer.index("events-log-c", "1", client.mapper().createObjectNode().put("msg", "one"));
            writer.index("events-log-c", "2", client.mapper().createObjectNode().put("msg", "two"));
            return writer.flush();
        }
    }
}
