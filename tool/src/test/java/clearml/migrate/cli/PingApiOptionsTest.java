package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.testing.CliRun;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code ping --api-host} where the flags or the server are wrong: one line, the right exit code, no secret. */
class PingApiOptionsTest {

    private static final String SECRET = "Sup3r-S3cret-Value";

    @TempDir
    Path home;

    private Environment environment(Map<String, String> more) {
        Map<String, String> variables = new HashMap<>(Map.of("HOME", home.toString()));
        variables.putAll(more);
        return Environment.of(variables);
    }

    private Environment withKeys() {
        return environment(Map.of("CLEARML_API_ACCESS_KEY", "AKEY1", "CLEARML_API_SECRET_KEY", SECRET));
    }

    @Test
    void apiAndDirectFlagsTogetherAreAUsageError() {
        CliRun run = CliRun.run(withKeys(), "ping", "--api-host", "http://127.0.0.1:1", "--mongo-host",
                "mongodb://127.0.0.1:1", "--elastic-user", "u");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly("clearml-migrate: ping reaches a server either through its API "
                + "(--api-host, --api-credentials-file, --clearml-config) or through its stores (--mongo-host, "
                + "--elastic-user), not both: drop one kind");
    }

    @Test
    void missingCredentialsAreAUsageErrorNamingWhereToPutThem() {
        CliRun run = CliRun.run(environment(Map.of()), "ping", "--api-host", "http://127.0.0.1:1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("clearml-migrate: no ClearML API credentials: give --api-credentials-file FILE");
    }

    @Test
    void aCredentialsFileAloneChoosesTheApiAndMayNameTheHost() throws IOException {
        Path file = Files.writeString(home.resolve("creds.json"), "{\"api_server\": \"http://127.0.0.1:"
                + ConnectionOptionsTest.closedPort() + "\", \"access_key\": \"AKEY2\", \"secret_key\": \"" + SECRET
                + "\"}");

        CliRun run = CliRun.run(environment(Map.of()), "ping", "--api-credentials-file", file.toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().lines()).singleElement().asString().startsWith("clearml-migrate: ClearML API at "
                + "http://127.0.0.1:").contains(" is unreachable: ").contains("check --api-host");
    }

    @Test
    void anUnreachableHostIsOneLineWithoutTheSecretEvenWithDebug() throws IOException {
        int port = ConnectionOptionsTest.closedPort();

        CliRun run = CliRun.run(withKeys(), "ping", "--api-host", "http://127.0.0.1:" + port, "--debug");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().findFirst()).hasValue("clearml-migrate: ClearML API at http://127.0.0.1:" + port
                + " is unreachable: Connection refused; check --api-host and that the server is running");
        assertThat(run.output()).doesNotContain(SECRET);
    }

    @Test
    void aHostHoldingNoUrlIsAUsageError() {
        CliRun run = CliRun.run(withKeys(), "ping", "--api-host", "api.example.com");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("clearml-migrate: --api-host 'api.example.com' is not an "
                + "http(s):// address; write it like https://api.clear.ml or http://localhost:8008");
    }

    @Test
    @ExtendWith(SandboxExtension.class)
    void aServerThatIsNotClearmlIsRefused(Sandbox sandbox) {
        CliRun run = CliRun.run(withKeys(), "ping", "--api-host", sandbox.elasticUri().toString());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().lines()).singleElement().asString().startsWith("clearml-migrate: The server at "
                + sandbox.elasticUri() + " answered auth.login with HTTP ").contains("not as a ClearML API server does");
        assertThat(run.output()).doesNotContain(SECRET);
    }
}
