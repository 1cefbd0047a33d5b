package clearml.migrate.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.events.LoopbackServer.Answer;
import clearml.migrate.failures.StoreAccessDeniedException;
import clearml.migrate.failures.StoreRequestException;
import clearml.migrate.failures.StoreUnreachableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Failure handling of {@link ElasticClient} against loopback servers: a closed port, and a tiny JDK
 * {@code HttpServer} answering canned statuses. The 401/403 servers are an honest stand-in for an engine with
 * security enabled: the embedded engines run without the security plugin, and the client only sees the status
 * and the error body, which is what these servers send.
 */
class ElasticClientTest {

    private static final ElasticClientOptions FAST = ElasticClientOptions.defaults()
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20));
    private static final Duration PATIENCE = Duration.ofMillis(300);

    @Test
    void reportsClosedPortAsUnreachableInOneLine() throws IOException {
        URI closed = URI.create("http://127.0.0.1:" + freePort());
        try (ElasticClient client = new ElasticClient(new ElasticSettings(List.of(closed), null, null, PATIENCE), FAST)) {
            assertThatThrownBy(() -> client.get("/"))
                    .isInstanceOf(StoreUnreachableException.class)
                    .hasMessage("Elasticsearch at " + closed + " is unreachable: Connection refused — check --elastic-host")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void movesOnToTheNextHostWhenOneRefusesConnections() throws IOException {
        URI closed = URI.create("http://127.0.0.1:" + freePort());
        try (LoopbackServer server = new LoopbackServer(new Answer(200, "{\"ok\":true}"));
             ElasticClient client = new ElasticClient(new ElasticSettings(List.of(closed, server.uri()), null, null, PATIENCE), FAST)) {
            assertThat(client.get("/").path("ok").asBoolean()).isTrue();
            assertThat(client.currentHost()).isEqualTo(server.uri());
        }
    }

    @Test
    void refusedCredentialsFailWithoutThePassword() throws IOException {
        String error = "{\"error\":{\"type\":\"security_exception\",\"reason\":\"unable to authenticate user [elastic]"
                + " with password [s3cret-Pa55]\"},\"status\":401}";
        try (LoopbackServer server = new LoopbackServer(new Answer(401, error));
             ElasticClient client = client(server, "elastic", "s3cret-Pa55")) {
            assertThatThrownBy(() -> client.get("/_cat/indices"))
                    .isInstanceOf(StoreAccessDeniedException.class)
                    .hasMessage("Elasticsearch at " + server.uri() + " refused the credentials of user 'elastic'"
                            + " (HTTP 401) — check --elastic-user and the password")
                    .satisfies(e -> assertThat(e.toString()).doesNotContain("s3cret-Pa55"));
            assertThat(server.received()).extracting(LoopbackServer.Received::authorization)
                    .containsOnly("Basic ZWxhc3RpYzpzM2NyZXQtUGE1NQ=="); // base64("elastic:s3cret-Pa55")
        }
    }

    @Test
    void forbiddenActionNamesUserAndReasonButNeverThePassword() throws IOException {
        String error = "{\"error\":{\"type\":\"security_exception\",\"reason\":\"action [indices:data/read/search]"
                + " is unauthorized for user [reader] s3cret-Pa55\"},\"status\":403}";
        try (LoopbackServer server = new LoopbackServer(new Answer(403, error));
             ElasticClient client = client(server, "reader", "s3cret-Pa55")) {
            assertThatThrownBy(() -> client.get("/events-*/_search"))
                    .isInstanceOf(StoreAccessDeniedException.class)
                    .hasMessageContaining("denied user 'reader' to GET /events-*/_search (HTTP 403)")
                    .hasMessageContaining("is unauthorized for user [reader] ***")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret-Pa55"));
        }
    }

    @Test
    void missingLoginAsksForOne() throws IOException {
        try (LoopbackServer server = new LoopbackServer(new Answer(401, "{}"));
             ElasticClient client = client(server, null, null)) {
            assertThatThrownBy(() -> client.get("/"))
                    .isInstanceOf(StoreAccessDeniedException.class)
                    .hasMessage("Elasticsearch at " + server.uri() + " requires a login (HTTP 401) — give "
                            + "--elastic-user and a password, or --elastic-api-key");
        }
    }

    @Test
    void retriesTooManyRequestsThenSucceeds() throws IOException {
        try (LoopbackServer server = new LoopbackServer(
                new Answer(429, "{\"error\":\"rejected\"}"), new Answer(503, ""), new Answer(200, "{\"count\":3}"));
             ElasticClient client = client(server, null, null)) {
            assertThat(client.get("/_count").path("count").asInt()).isEqualTo(3);
            assertThat(server.received()).hasSize(3);
        }
    }

    @Test
    void reportsAnEngineThatStallsAsUnreachableAfterRetrying() throws IOException {
        try (LoopbackServer server = new LoopbackServer(new Answer(200, "{}", 1500));
             ElasticClient client = new ElasticClient(new ElasticSettings(List.of(server.uri()), null, null, PATIENCE),
                     FAST.withRequestTimeout(Duration.ofMillis(300)))) {
            assertThatThrownBy(() -> client.get("/_cluster/health"))
                    .isInstanceOf(StoreUnreachableException.class)
                    .hasMessageStartingWith("Elasticsearch at " + server.uri() + " stopped answering and was still"
                            + " away after retrying for 300 ms (--retry-for)")
                    .cause().hasMessage("Elasticsearch at " + server.uri() + " did not answer GET /_cluster/health"
                            + " within 0.3 s — check the cluster's health");
        }
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheEngineReason() throws IOException {
        try (LoopbackServer server = new LoopbackServer(new Answer(429,
                "{\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"queue full\"},\"status\":429}"));
             ElasticClient client = client(server, null, null)) {
            assertThatThrownBy(() -> client.get("/_count"))
                    .isInstanceOf(StoreRequestException.class)
                    .hasMessage("Elasticsearch at " + server.uri() + " rejected GET /_count (HTTP 429): "
                            + "es_rejected_execution_exception: queue full");
            assertThat(server.received()).as("sent again until the patience ran out").hasSizeGreaterThan(2);
        }
    }

    @Test
    void doesNotRepeatNonIdempotentRequestAfterGatewayTimeout() throws IOException {
        try (LoopbackServer server = new LoopbackServer(new Answer(504, "gateway timeout"), new Answer(200, "{}"));
             ElasticClient client = client(server, null, null)) {
            ElasticResponse response = client.send(ElasticRequest.json("POST", "/_search/scroll", null).notIdempotent());
            assertThat(response.status()).isEqualTo(504);
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void reportsEngineErrorWithRootCause() throws IOException {
        String error = "{\"error\":{\"root_cause\":[{\"type\":\"query_shard_exception\",\"reason\":\"bad field\"}],"
                + "\"type\":\"search_phase_execution_exception\",\"reason\":\"all shards failed\"},\"status\":400}";
        try (LoopbackServer server = new LoopbackServer(new Answer(400, error));
             ElasticClient client = client(server, null, null)) {
            assertThatThrownBy(() -> client.get("/events-*/_search?q=x"))
                    .isInstanceOf(StoreRequestException.class)
                    .hasMessage("Elasticsearch at " + server.uri() + " rejected GET /events-*/_search (HTTP 400): "
                            + "search_phase_execution_exception: all shards failed (root cause: query_shard_exception: bad field)");
        }
    }

    @Test
    void takesLoginFromHostUriAndNeverShowsIt() throws IOException {
        try (LoopbackServer server = new LoopbackServer(new Answer(200, "{}"))) {
            URI withLogin = URI.create("http://elastic:pw%40x@127.0.0.1:" + server.uri().getPort());
            try (ElasticClient client = new ElasticClient(new ElasticSettings(List.of(withLogin), null, null, PATIENCE), FAST)) {
                client.get("/");
                assertThat(client.currentHost()).isEqualTo(server.uri());
            }
            assertThat(server.received().get(0).authorization()).isEqualTo("Basic ZWxhc3RpYzpwd0B4"); // elastic:pw@x
        }
    }

    private static ElasticClient client(LoopbackServer server, String user, String password) {
        return new ElasticClient(new ElasticSettings(List.of(server.uri()), user, password, PATIENCE), FAST);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
