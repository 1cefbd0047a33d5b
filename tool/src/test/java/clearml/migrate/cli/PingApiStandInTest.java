package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.testing.CliRun;
import clearml.sandbox.Sandbox;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.api.Credentials;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.seed.FreshServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clearml-migrate ping --api-host} through the real command line against the sandbox's ClearML API stand-in
 * (not ClearML's apiserver): the server, the caller and what the caller's role allows, from every credentials source.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class PingApiStandInTest {

    @TempDir
    Path home;

    private ApiStandIn api;

    @BeforeEach
    void freshServer(Sandbox sandbox, ApiStandIn api) {
        FreshServer.initialize(sandbox.mongoUri(), FreshServer.DEFAULT_COMPANY, "clearml");
        this.api = api;
    }

    private Environment variables(Credentials keys) {
        return Environment.of(Map.of("HOME", home.toString(), "CLEARML_API_ACCESS_KEY", keys.accessKey(),
                "CLEARML_API_SECRET_KEY", keys.secretKey()));
    }

    @Test
    void reportsAnAdminKeyWithoutABackendUserAsJson() throws IOException {
        Credentials admin = api.adminCredentials();

        CliRun run = CliRun.run(variables(admin), "ping", "--api-host", api.url(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.path("apiHost").asText()).isEqualTo(api.url());
        assertThat(report.path("serverVersion").asText()).isEqualTo("2.0.0");
        assertThat(report.path("filesHost").isNull()).isTrue();
        assertThat(report.path("apiVersion").asText()).matches("2\\.\\d+");
        assertThat(report.path("accessKey").asText()).isEqualTo(admin.accessKey());
        assertThat(report.path("credentialsSource").asText())
                .isEqualTo("CLEARML_API_ACCESS_KEY/CLEARML_API_SECRET_KEY");
        JsonNode caller = report.path("caller");
        assertThat(caller.path("role").asText()).isEqualTo("admin");
        assertThat(caller.path("backendUser").asBoolean(true)).isFalse();
        assertThat(caller.path("companyId").asText()).isEqualTo(FreshServer.DEFAULT_COMPANY);
        assertThat(verdicts(report)).isEqualTo(Map.of("export", "yes", "import", "yes", "users", "no"));
        assertThat(run.output()).doesNotContain(admin.secretKey());
    }

    @Test
    void reportsAUserKeyFromAClearmlConfAsText() throws IOException {
        Credentials user = api.userCredentials();
        Path config = Files.writeString(home.resolve("clearml.conf"), "api {\n  api_server: " + api.url()
                + "\n  files_server: http://localhost:8081\n  credentials {\"access_key\": \"" + user.accessKey()
                + "\", \"secret_key\": \"" + user.secretKey() + "\"}\n}\n");

        CliRun run = CliRun.run(Environment.of(Map.of("HOME", home.toString())), "ping", "--clearml-config",
                config.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("ClearML API       " + api.url(), "Server            2.0.0",
                "File server       http://localhost:8081",
                "Access key        " + user.accessKey() + " (from " + config + ")")
                .containsPattern("  user            \\S.* \\([0-9a-f]{32}\\)")
                .contains("  company         clearml (" + FreshServer.DEFAULT_COMPANY + ")",
                        "  role            user")
                .containsPattern("  export +yes ").containsPattern("  import +partly ").containsPattern("  users +no ");
        assertThat(run.output()).doesNotContain(user.secretKey());
    }

    @Test
    void takesTheKeysFromACredentialsFileBeforeTheVariables() throws IOException {
        Credentials user = api.userCredentials();
        Path file = Files.writeString(home.resolve("creds.conf"), "api { credentials { access_key: "
                + user.accessKey() + ", secret_key: \"" + user.secretKey() + "\" } }");

        CliRun run = CliRun.run(variables(new Credentials("WRONGKEY", "wrong-secret")), "ping", "--api-host",
                api.url(), "--api-credentials-file", file.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.path("accessKey").asText()).isEqualTo(user.accessKey());
        assertThat(report.path("caller").path("backendUser").asBoolean()).isTrue();
    }

    @Test
    void wrongKeysAreOneLineNamingTheKeyNotTheSecret() {
        Credentials wrong = new Credentials(api.userCredentials().accessKey(), "not-the-secret-42");

        CliRun run = CliRun.run(variables(wrong), "ping", "--api-host", api.url(), "--debug");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().lines().findFirst()).get().asString().startsWith("clearml-migrate: ClearML API at "
                + api.url() + " refused access key '" + wrong.accessKey() + "' from CLEARML_API_ACCESS_KEY/"
                + "CLEARML_API_SECRET_KEY (auth.login: HTTP 401/");
        assertThat(run.output()).doesNotContain("not-the-secret-42");
    }

    @Test
    void failsWithOneLineWhenTheServerStaysAwayLongerThanRetryFor() {
        api.faults().inject("server.info", 503, 100_000);

        CliRun run = CliRun.run(variables(api.userCredentials()), "ping", "--api-host", api.url(), "--retry-for",
                "1s");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly("clearml-migrate: ClearML API at " + api.url() + " stopped "
                + "answering (HTTP 503 to server.info) and was still away after retrying for 1 s (--retry-for); once "
                + "it is back, run the same command again: it carries on without duplicating anything");
    }

    private static Map<String, String> verdicts(JsonNode report) {
        Map<String, String> verdicts = new java.util.TreeMap<>();
        report.path("allowances").forEach(a -> verdicts.put(a.path("work").asText(), a.path("verdict").asText()));
        return verdicts;
    }
}
