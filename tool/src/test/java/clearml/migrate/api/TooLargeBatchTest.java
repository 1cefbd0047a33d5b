package clearml.migrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An event read refused as too large is asked again with a smaller batch. Neither ClearML v2.0 nor its stand-in
 * refuses one (both cut the batch to 10 000 silently), so a canned server answers here as a server would whose
 * Elasticsearch result window is smaller than the batch: {@code 400} with "Result window is too large".
 */
class TooLargeBatchTest {

    private static final int WINDOW = 300;
    private static final int EVENTS = 1_000;

    private HttpServer server;
    private final List<Integer> batchesAsked = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/auth.login", exchange -> answer(exchange, 200, ApiJson.object().put("token", "t")));
        server.createContext("/events.get_task_events", this::events);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void halvesTheBatchUntilTheServerTakesIt() {
        ApiSettings settings = new ApiSettings(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), null,
                new ApiCredentials("AK", "SK", "a canned server"), Duration.ofSeconds(2));
        try (ApiClient client = new ApiClient(settings)) {
            TaskEventPages pages = client.taskEvents(ApiJson.object().put("task", "t1"), 1_000);
            List<Integer> iterations = new ArrayList<>();
            pages.forEachRemaining(event -> iterations.add(event.path("iter").asInt()));

            assertThat(iterations).hasSize(EVENTS).doesNotHaveDuplicates();
            assertThat(pages.size()).isEqualTo(250);
            assertThat(batchesAsked).startsWith(1_000, 500, 250).containsOnly(1_000, 500, 250);
        }
    }

    /** Pages of events by position; the scroll id is the position of the next event. */
    private void events(HttpExchange exchange) throws IOException {
        JsonNode request = ApiJson.MAPPER.readTree(exchange.getRequestBody());
        int batch = request.path("batch_size").asInt();
        batchesAsked.add(batch);
        if (batch > WINDOW) {
            ObjectNode refusal = ApiJson.object();
            refusal.putObject("meta").put("result_code", 400).put("result_subcode", 0)
                    .put("result_msg", "Result window is too large, from + size must be less than or equal to: ["
                            + WINDOW + "]");
            send(exchange, 400, refusal);
            return;
        }
        int from = request.path("scroll_id").isNull() ? 0 : request.path("scroll_id").asInt();
        ObjectNode data = ApiJson.object().put("scroll_id", String.valueOf(Math.min(EVENTS, from + batch)));
        ArrayNode events = data.putArray("events");
        for (int iter = from; iter < Math.min(EVENTS, from + batch); iter++) {
            events.addObject().put("task", "t1").put("iter", iter);
        }
        answer(exchange, 200, data);
    }

    private static void answer(HttpExchange exchange, int code, ObjectNode data) throws IOException {
        ObjectNode envelope = ApiJson.object();
        envelope.putObject("meta").put("result_code", code).put("result_subcode", 0).put("result_msg", "OK");
        envelope.set("data", data);
        send(exchange, code, envelope);
    }

    private static void send(HttpExchange exchange, int code, JsonNode body) throws IOException {
        byte[] bytes = ApiJson.bytes(body);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
