package clearml.migrate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.failures.StoreAccessDeniedException;
import clearml.migrate.failures.StoreRequestException;
import clearml.migrate.failures.StoreUnreachableException;
import clearml.sandbox.Sandbox;
import clearml.sandbox.api.ApiLimits;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.api.Credentials;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API client against the sandbox's ClearML API stand-in (not ClearML's apiserver): login, token renewal,
 * act-as, and the failures a user meets. Paging and retries: {@link ApiPagingStandInTest},
 * {@link ApiRetryStandInTest}.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class ApiClientStandInTest {

    private StandInServer server;

    @BeforeEach
    void freshServer(Sandbox sandbox, ApiStandIn api) {
        server = StandInServer.fresh(sandbox, api);
    }

    private static ObjectNode task(String name) {
        return ApiJson.object().put("name", name).put("type", "training");
    }

    @Test
    void logsInOnceAndKnowsTheCallerFromItsToken() {
        try (ApiClient client = server.admin()) {
            JsonNode info = client.call("server.info", ApiJson.object());
            client.call("projects.get_all_ex", ApiJson.object());

            assertThat(info.path("version").asText()).isNotEmpty();
            assertThat(client.identity().role()).isEqualTo("admin");
            assertThat(client.identity().companyId()).isEqualTo(server.api().primaryCompany());
        }
        assertThat(server.api().calls().count("auth.login")).isEqualTo(1);
    }

    @Test
    void logsInAgainBeforeTheTokenExpires(Sandbox sandbox) throws InterruptedException {
        try (ApiStandIn shortTokens = ApiStandIn.start(sandbox, tokensOf(Duration.ofSeconds(2)));
                ApiClient client = new ApiClient(new StandInServer(sandbox, shortTokens)
                        .settings(shortTokens.userCredentials(), Duration.ofSeconds(5)),
                        withLoginMargin(Duration.ofSeconds(1)))) {
            client.call("projects.get_all_ex", ApiJson.object());
            Thread.sleep(1_200);
            client.call("projects.get_all_ex", ApiJson.object());

            assertThat(shortTokens.calls().count("auth.login")).isEqualTo(2);
            assertThat(shortTokens.calls().count("projects.get_all_ex")).isEqualTo(2);
        }
    }

    @Test
    void logsInAgainWhenTheServerRefusesAnExpiredToken(Sandbox sandbox) throws InterruptedException {
        // A client clock running behind the server's: the client still trusts a token the server has expired.
        try (ApiStandIn shortTokens = ApiStandIn.start(sandbox, tokensOf(Duration.ofSeconds(1)));
                ApiClient client = new ApiClient(new StandInServer(sandbox, shortTokens)
                        .settings(shortTokens.userCredentials(), Duration.ofSeconds(5)),
                        withLoginMargin(Duration.ofSeconds(-30)))) {
            client.call("projects.get_all_ex", ApiJson.object());
            Thread.sleep(2_100);
            JsonNode again = client.call("projects.get_all_ex", ApiJson.object());

            assertThat(again.path("projects").isArray()).isTrue();
            assertThat(shortTokens.calls().count("auth.login")).isEqualTo(2);
            assertThat(shortTokens.calls().count("projects.get_all_ex")).isEqualTo(3);
        }
    }

    @Test
    void createsWhatItIsAskedToAndTheServerChoosesTheId() {
        try (ApiClient client = server.user()) {
            String id = client.call(ApiRequest.create("tasks.create", task("created through the API")
                    .put("id", "my-own-id"))).path("id").asText();

            assertThat(id).isNotEqualTo("my-own-id");
            assertThat(server.stored("task", id).getString("name")).isEqualTo("created through the API");
        }
    }

    @Test
    void anAdminCreatesOnBehalfOfAUserThroughActAs() {
        String userId;
        try (ApiClient user = server.user()) {
            userId = user.identity().userId();
        }
        try (ApiClient admin = server.admin()) {
            String id = admin.call(ApiRequest.create("tasks.create", task("owned by the user")).actingAs(userId))
                    .path("id").asText();

            assertThat(server.stored("task", id).getString("user")).isEqualTo(userId);
        }
    }

    @Test
    void actAsOfARoleUserIsARequestFailureNamingTheCallAndTheServersMessage() {
        try (ApiClient user = server.user()) {
            String self = user.identity().userId();

            assertThatThrownBy(() -> user.call(ApiRequest.create("tasks.create", task("not allowed")).actingAs(self)))
                    .isInstanceOf(StoreRequestException.class)
                    .hasMessageStartingWith("ClearML API at " + server.api().url() + " rejected tasks.create "
                            + "(HTTP 400/6): ")
                    .hasMessageContaining("mpersonation");
        }
        assertThat(server.storedIds("task")).isEmpty();
    }

    @Test
    void aWrongSecretIsAccessDeniedNamingTheKeyButNotTheSecret() {
        Credentials real = server.api().userCredentials();
        String wrongSecret = "wrong-" + real.secretKey();
        ApiSettings settings = server.settings(new Credentials(real.accessKey(), wrongSecret), Duration.ofSeconds(1));

        try (ApiClient client = new ApiClient(settings, StandInServer.QUICK)) {
            assertThatThrownBy(() -> client.call("projects.get_all_ex", ApiJson.object()))
                    .isInstanceOf(StoreAccessDeniedException.class)
                    .hasMessageStartingWith("ClearML API at " + server.api().url() + " refused access key '"
                            + real.accessKey() + "' from the stand-in (auth.login: HTTP 401/")
                    .hasMessageNotContaining(wrongSecret).hasMessageNotContaining(real.secretKey());
        }
    }

    @Test
    void aCallTheRoleMayNotMakeIsAccessDeniedNamingTheCall() {
        try (ApiClient admin = server.admin()) {
            assertThatThrownBy(() -> admin.call(ApiRequest.create("users.create", ApiJson.object()
                    .put("id", "u1").put("company", server.api().primaryCompany()).put("name", "New"))))
                    .isInstanceOf(StoreAccessDeniedException.class)
                    .hasMessageContaining(" denied access key '" + server.api().adminCredentials().accessKey()
                            + "' the call users.create (HTTP 403/");
        }
    }

    @Test
    void sendHandsBackAnErrorAnswerAsAFact() {
        try (ApiClient client = server.user()) {
            ApiResponse answer = client.send(ApiRequest.json("tasks.get_by_id", ApiJson.object().put("task",
                    "0123456789abcdef0123456789abcdef")));

            assertThat(answer.isSuccess()).isFalse();
            assertThat(answer.resultCode()).isEqualTo(400);
            assertThat(answer.resultSubcode()).isEqualTo(101);
        }
    }

    private static ApiLimits tokensOf(Duration lifetime) {
        ApiLimits d = ApiLimits.DEFAULTS;
        return new ApiLimits(d.maxPageSize(), d.maxEventsPerCall(), d.maxRawScalars(), d.plotCompressionThreshold(),
                d.maxLastMetrics(), lifetime, d.scrollLifetime());
    }

    private static ApiClientOptions withLoginMargin(Duration margin) {
        ApiClientOptions quick = StandInServer.QUICK;
        return new ApiClientOptions(quick.connectTimeout(), quick.requestTimeout(), quick.firstBackoff(),
                quick.maxBackoff(), margin);
    }
}
