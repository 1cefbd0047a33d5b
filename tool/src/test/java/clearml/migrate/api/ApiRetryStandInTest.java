package clearml.migrate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.failures.StoreUnreachableException;
import clearml.sandbox.Sandbox;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retries within {@code --retry-for} against the sandbox's ClearML API stand-in (not ClearML's apiserver), which
 * answers injected 429, 502 and 503 instead of serving a call.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class ApiRetryStandInTest {

    private StandInServer server;

    @BeforeEach
    void freshServer(Sandbox sandbox, ApiStandIn api) {
        server = StandInServer.fresh(sandbox, api);
    }

    private ApiClient user(Duration retryFor) {
        return new ApiClient(server.settings(server.api().userCredentials(), retryFor), StandInServer.QUICK);
    }

    private static ObjectNode task(String name) {
        return ApiJson.object().put("name", name).put("type", "training");
    }

    @Test
    void retriesOverloadAndRestartAnswersOfTheLoginAndOfACall() {
        server.api().faults().inject("auth.login", 503, 2);
        server.api().faults().inject("projects.get_all_ex", 429, 2);
        server.api().faults().inject("projects.get_all_ex", 503, 2);

        try (ApiClient client = user(Duration.ofSeconds(5))) {
            assertThat(client.call("projects.get_all_ex", ApiJson.object()).path("projects").isArray()).isTrue();
        }
        assertThat(server.api().calls().count("auth.login")).isEqualTo(3);
        assertThat(server.api().calls().count("projects.get_all_ex")).isEqualTo(5);
    }

    @Test
    void waitsAsLongAsRetryAfterAsks() {
        server.api().faults().inject("projects.get_all_ex", 429, 1, Duration.ofSeconds(1));

        try (ApiClient client = user(Duration.ofSeconds(5))) {
            client.identity(); // logged in before the clock starts
            long start = System.nanoTime();
            client.call("projects.get_all_ex", ApiJson.object());

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void failsWithOneLineWhenTheServerIsStillAwayAfterRetryFor() {
        server.api().faults().inject("projects.get_all_ex", 503, 100_000);

        try (ApiClient client = user(Duration.ofMillis(300))) {
            client.identity();
            assertThatThrownBy(() -> client.call("projects.get_all_ex", ApiJson.object()))
                    .isInstanceOf(StoreUnreachableException.class)
                    .hasMessage("ClearML API at " + server.api().url() + " stopped answering (HTTP 503 to "
                            + "projects.get_all_ex) and was still away after retrying for 300 ms (--retry-for); once "
                            + "it is back, run the same command again: it carries on without duplicating anything");
        }
        assertThat(server.api().calls().count("projects.get_all_ex")).isGreaterThan(2);
    }

    @Test
    void aCreateRefusedWith503IsSentAgainAndCreatesOnce() {
        server.api().faults().inject("tasks.create", 503, 1);

        try (ApiClient client = user(Duration.ofSeconds(5))) {
            client.call(ApiRequest.create("tasks.create", task("sent twice, made once")));
        }
        assertThat(server.api().calls().count("tasks.create")).isEqualTo(2);
        assertThat(server.storedIds("task")).hasSize(1);
    }

    @Test
    void aCreateAnsweredWith502IsNotSentAgainAsItMayHaveReachedTheServer() {
        server.api().faults().inject("tasks.create", 502, 1);

        try (ApiClient client = user(Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> client.call(ApiRequest.create("tasks.create", task("maybe made"))))
                    .isInstanceOf(StoreUnreachableException.class)
                    .hasMessage("ClearML API at " + server.api().url() + " failed during tasks.create (HTTP 502) after "
                            + "the call may have reached the server, so it was not sent again; check the server, then "
                            + "run the same command again");
        }
        assertThat(server.api().calls().count("tasks.create")).isEqualTo(1);
    }

    @Test
    void anIdempotentCallAnswered502IsSentAgain() {
        server.api().faults().inject("projects.get_all_ex", 502, 1);
        server.api().faults().inject("projects.get_all_ex", 504, 1);

        try (ApiClient client = user(Duration.ofSeconds(5))) {
            client.call("projects.get_all_ex", ApiJson.object());
        }
        assertThat(server.api().calls().count("projects.get_all_ex")).isEqualTo(3);
    }

    @Test
    void aServerGoneMidRunIsWaitedForThenReportedInOneLine(Sandbox sandbox) {
        ApiStandIn own = ApiStandIn.start(sandbox);
        try (ApiClient client = new ApiClient(new StandInServer(sandbox, own).settings(own.userCredentials(),
                Duration.ofMillis(300)), StandInServer.QUICK)) {
            client.call("projects.get_all_ex", ApiJson.object());
            own.close();

            assertThatThrownBy(() -> client.call("projects.get_all_ex", ApiJson.object()))
                    .isInstanceOf(StoreUnreachableException.class)
                    .hasMessage("ClearML API at " + own.url() + " stopped answering (Connection refused during "
                            + "projects.get_all_ex) and was still away after retrying for 300 ms (--retry-for); once "
                            + "it is back, run the same command again: it carries on without duplicating anything");
        } finally {
            own.close();
        }
    }
}
