package clearml.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.sandbox.Sandbox;
import clearml.sandbox.fileserver.FileServerStandIn;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exercises the ClearML API and file-server stand-ins, not ClearML's servers: the hooks a client's retry tests use
 * (answers of 429 or 503 a given number of times, calls counted per endpoint), and the file server accepting the
 * API stand-in's tokens.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class FaultInjectionTest {

    private StandInServer server;

    @BeforeEach
    void freshServer(@TargetServer Sandbox target, @TargetServer ApiStandIn api) {
        server = StandInServer.fresh(target, api);
    }

    @Test
    void aCallAnswers429AsOftenAsInjectedThenServesAndEveryCallIsCounted() {
        server.api.faults().inject("tasks.get_all", 429, 2, Duration.ofSeconds(1));
        long before = server.api.calls().count("tasks.get_all");

        List<ApiClient.Answer> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(server.client.call(server.userToken, "tasks.get_all", "{}"));
        }

        assertThat(answers).extracting(ApiClient.Answer::status).containsExactly(429, 429, 200);
        assertThat(answers.get(0).raw().headers().firstValue("Retry-After")).hasValue("1");
        assertThat(server.api.calls().count("tasks.get_all") - before).isEqualTo(3);
        assertThat(server.api.calls().snapshot()).containsKey("auth.login");
    }

    @Test
    void a503IsInjectedPerEndpointAndOthersAreServed() {
        server.api.faults().inject("events.add_batch", 503, 1);

        assertThat(server.client.call(server.userToken, "projects.get_all", "{}").status()).isEqualTo(200);
        assertThat(server.client.call(server.userToken, "events.add_batch", "{}").status()).isEqualTo(503);
    }

    @Test
    void theFileServerAcceptsTheApiStandInsTokensOnly(@TargetServer FileServerStandIn files) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> withToken = http.send(HttpRequest.newBuilder(URI.create(files.url() + "/missing.txt"))
                .header("Authorization", "Bearer " + server.userToken).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(files.url() + "/missing.txt"))
                .header("Authorization", "Bearer " + server.userToken + "x").GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(withToken.statusCode()).isEqualTo(404);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).startsWith("Invalid token");
        assertThat(files.root()).isEqualTo(server.sandbox.fileserverDir());
    }
}
