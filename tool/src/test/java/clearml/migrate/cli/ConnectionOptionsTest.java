package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.events.ElasticApiKey;
import clearml.migrate.events.ElasticSettings;
import clearml.migrate.mongo.MongoSettings;
import clearml.migrate.secured.TestCertificates;
import clearml.migrate.tls.TlsTrust;
import clearml.migrate.testing.CliRun;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How connection flags, variables, files and prompts reach MongoSettings and ElasticSettings. */
class ConnectionOptionsTest {

    private static final String SECRET = "pa55-Wörd-0xC0FFEE";

    @TempDir
    Path dir;

    @Test
    void defaultsAreTheLocalServer() {
        PingCommand ping = CliRun.parse(Environment.of(Map.of()), PingCommand.class, "ping");

        assertThat(ping.connection.mongoSettings()).isEqualTo(new MongoSettings("mongodb://localhost:27017", null, null));
        assertThat(ping.connection.elasticSettings())
                .isEqualTo(new ElasticSettings(List.of(URI.create("http://localhost:9200")), null, null));
    }

    @Test
    void hostsAndUsersFallBackToVariablesNamedAfterTheFlags() {
        Environment environment = Environment.of(Map.of(
                "CLEARML_MIGRATE_MONGO_HOST", "mongodb://db:27018",
                "CLEARML_MIGRATE_MONGO_USER", "clearml",
                "CLEARML_MIGRATE_ELASTIC_HOST", "http://es1:9200,https://es2:9243",
                "CLEARML_MIGRATE_ELASTIC_USER", "elastic"));

        PingCommand ping = CliRun.parse(environment, PingCommand.class, "ping");

        assertThat(ping.connection.mongoSettings()).isEqualTo(new MongoSettings("mongodb://db:27018", "clearml", null));
        assertThat(ping.connection.elasticSettings()).isEqualTo(new ElasticSettings(
                List.of(URI.create("http://es1:9200"), URI.create("https://es2:9243")), "elastic", null));
    }

    @Test
    void aFlagWinsOverItsVariable() {
        Environment environment = Environment.of(Map.of("CLEARML_MIGRATE_MONGO_HOST", "mongodb://db:27018"));

        PingCommand ping = CliRun.parse(environment, PingCommand.class, "ping", "--mongo-host", "mongodb://other:1");

        assertThat(ping.connection.mongoSettings().uri()).isEqualTo("mongodb://other:1");
    }

    @Test
    void passwordsComeFromTheirVariables() {
        Environment environment = Environment.of(Map.of(
                "CLEARML_MIGRATE_MONGO_PASSWORD", SECRET, "CLEARML_MIGRATE_ELASTIC_PASSWORD", SECRET + "-es"));

        PingCommand ping = CliRun.parse(environment, PingCommand.class, "ping", "--mongo-user", "u");

        assertThat(ping.connection.mongoSettings().password()).isEqualTo(SECRET);
        assertThat(ping.connection.elasticSettings().password()).isEqualTo(SECRET + "-es");
    }

    @Test
    void passwordFileGivesItsFirstLine() throws IOException {
        Path file = Files.writeString(dir.resolve("mongo.pw"), SECRET + "\nignored\n");

        PingCommand ping = CliRun.parse(Environment.of(Map.of("CLEARML_MIGRATE_MONGO_PASSWORD", "from-variable")),
                PingCommand.class, "ping", "--mongo-user", "u", "--mongo-password-file", file.toString());

        assertThat(ping.connection.mongoSettings().password()).isEqualTo(SECRET);
    }

    @Test
    void promptsOnlyWhenAUserHasNoOtherPasswordSource() {
        List<String> questions = new ArrayList<>();
        Environment console = new Environment(Map.of(), question -> {
            questions.add(question);
            return SECRET;
        }, true);

        PingCommand withUser = CliRun.parse(console, PingCommand.class, "ping", "--elastic-user", "elastic");
        PingCommand withoutUser = CliRun.parse(console, PingCommand.class, "ping");

        assertThat(withUser.connection.elasticSettings().password()).isEqualTo(SECRET);
        assertThat(withoutUser.connection.elasticSettings().password()).isNull();
        assertThat(questions).containsExactly("Elasticsearch password for elastic: ");
    }

    @Test
    void elasticHostMustBeAnHttpAddress() {
        CliRun run = CliRun.run("ping", "--elastic-host", "localhost:9200");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("clearml-migrate: --elastic-host 'localhost:9200' is not an "
                + "http(s)://host:port address; write it like http://localhost:9200");
    }

    @Test
    void caFilesBecomeTheTrustOfTheirStore() {
        Path ca = TestCertificates.get().caPem();

        PingCommand ping = CliRun.parse(Environment.of(Map.of()), PingCommand.class, "ping", "--mongo-ca-cert",
                ca.toString(), "--elastic-host", "https://es:9200", "--elastic-ca-cert", ca.toString());

        List<TlsTrust> trusts = List.of(ping.connection.mongoSettings().trust(),
                ping.connection.elasticSettings().trust());
        for (TlsTrust trust : trusts) {
            assertThat(trust.kind()).isEqualTo(TlsTrust.Kind.PRIVATE_CA);
            assertThat(trust.caFile()).isEqualTo(ca);
            assertThat(trust.authorities()).hasSize(1);
        }
    }

    @Test
    void tlsFlagsAndTheApiKeyFileFallBackToVariablesNamedAfterTheFlags() throws IOException {
        Path key = Files.writeString(dir.resolve("key"), "the-id:the-key\n");
        Environment environment = Environment.of(Map.of(
                "CLEARML_MIGRATE_MONGO_INSECURE", "true",
                "CLEARML_MIGRATE_ELASTIC_HOST", "https://es:9200",
                "CLEARML_MIGRATE_ELASTIC_CA_CERT", TestCertificates.get().caPem().toString(),
                "CLEARML_MIGRATE_ELASTIC_API_KEY_FILE", key.toString()));

        PingCommand ping = CliRun.parse(environment, PingCommand.class, "ping");

        assertThat(ping.connection.mongoSettings().trust()).isEqualTo(TlsTrust.INSECURE);
        assertThat(ping.connection.elasticSettings().trust().kind()).isEqualTo(TlsTrust.Kind.PRIVATE_CA);
        assertThat(ping.connection.elasticSettings().apiKey()).isEqualTo(ElasticApiKey.of("the-id:the-key"));
    }

    @Test
    void apiKeyComesFromItsVariableAndFromTheFlagWithAWarning() {
        Environment variable = Environment.of(Map.of("CLEARML_MIGRATE_ELASTIC_API_KEY", "encoded-key=="));
        PingCommand fromVariable = CliRun.parse(variable, PingCommand.class, "ping");
        CliRun fromFlag = CliRun.run("ping", "--elastic-api-key", SECRET, "--mongo-host", "no-uri"); // fails at once

        assertThat(fromVariable.connection.elasticSettings().apiKey()).isEqualTo(ElasticApiKey.of("encoded-key=="));
        assertThat(fromVariable.connection.elasticSettings().user()).isNull();
        assertThat(fromFlag.err()).contains("clearml-migrate: warning: --elastic-api-key on the command line is "
                + "visible to other users; use --elastic-api-key-file or the environment variable instead")
                .doesNotContain(SECRET);
    }

    /** Flags that cannot work together, or a CA file that is no CA file: one line, exit 2, before any connection. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --elastic-user elastic --elastic-api-key-file {KEY} | | give either --elastic-user (basic authentication) or an API key (--elastic-api-key-file, CLEARML_MIGRATE_ELASTIC_API_KEY), not both
            --elastic-host http://u:p@es:9200 | CLEARML_MIGRATE_ELASTIC_API_KEY | give either --elastic-user (basic authentication) or an API key (--elastic-api-key-file, CLEARML_MIGRATE_ELASTIC_API_KEY), not both
            --elastic-api-key-file {KEY} | CLEARML_MIGRATE_ELASTIC_USER | give either --elastic-user (basic authentication) or an API key (--elastic-api-key-file, CLEARML_MIGRATE_ELASTIC_API_KEY), not both
            --elastic-ca-cert {CA} | | --elastic-ca-cert applies to https:// hosts, but --elastic-host names none; write https://HOST:9200
            --elastic-insecure | | --elastic-insecure applies to https:// hosts, but --elastic-host names none; write https://HOST:9200
            --mongo-ca-cert {CA} --mongo-insecure | | --mongo-ca-cert and --mongo-insecure exclude each other; give the CA that signed the server's certificate, or skip the checks
            --mongo-ca-cert {NOT_PEM} | | --mongo-ca-cert {NOT_PEM} is not a PEM file of certificates; give the CA certificate that signed the server's, e.g. Elasticsearch 8's config/certs/http_ca.crt (caused by: No certificate data found)
            --mongo-ca-cert {EMPTY} | | --mongo-ca-cert {EMPTY} holds no certificate; give the CA certificate that signed the server's, e.g. Elasticsearch 8's config/certs/http_ca.crt
            --elastic-host https://es:9200 --elastic-ca-cert {BROKEN_PEM} | | --elastic-ca-cert {BROKEN_PEM} is not a PEM file of certificates; give the CA certificate that signed the server's, e.g. Elasticsearch 8's config/certs/http_ca.crt
            --elastic-host https://es:9200 --elastic-ca-cert {MISSING} | | cannot read --elastic-ca-cert {MISSING} (NoSuchFileException); check the path and its permissions
            """)
    void conflictingOrBrokenTlsAndKeyFlagsFailInOneLine(String flags, @Nullable String variable, String line)
            throws IOException {
        Map<String, String> files = Map.of(
                "{KEY}", Files.writeString(dir.resolve("key"), "id:" + SECRET).toString(),
                "{CA}", TestCertificates.get().caPem().toString(),
                "{NOT_PEM}", Files.writeString(dir.resolve("notes.txt"), "no certificate here\n").toString(),
                "{EMPTY}", Files.writeString(dir.resolve("empty.pem"), "").toString(),
                "{BROKEN_PEM}", Files.writeString(dir.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\n"
                        + "bm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n").toString(),
                "{MISSING}", dir.resolve("missing.pem").toString());
        List<String> args = new ArrayList<>(List.of("ping"));
        for (String word : flags.split(" ")) {
            args.add(files.getOrDefault(word, word));
        }
        Environment environment = Environment.of(variable == null ? Map.of() : Map.of(variable, "id:" + SECRET));

        CliRun run = CliRun.run(environment, args.toArray(String[]::new));

        String expected = line;
        for (Map.Entry<String, String> file : files.entrySet()) {
            expected = expected.replace(file.getKey(), file.getValue());
        }
        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().startsWith("clearml-migrate: " + expected);
        assertThat(run.output()).doesNotContain(SECRET);
    }

    /** Each way of giving a password, run to a failure, so the password could leak into a message. */
    @Test
    void passwordReachesTheSettingsButNoOutput() throws IOException {
        String mongo = "mongodb://127.0.0.1:" + closedPort();
        Path file = Files.writeString(dir.resolve("pw"), SECRET);
        Environment variable = Environment.of(Map.of("CLEARML_MIGRATE_MONGO_PASSWORD", SECRET));
        Environment none = Environment.of(Map.of());

        CliRun fromVariable = CliRun.run(variable, "ping", "--mongo-host", mongo, "--mongo-user", "u", "--debug");
        CliRun fromFile = CliRun.run(none, "ping", "--mongo-host", mongo, "--mongo-user", "u",
                "--mongo-password-file", file.toString(), "--debug");
        CliRun fromFlag = CliRun.run(none, "ping", "--mongo-host", mongo, "--mongo-user", "u",
                "--mongo-password", SECRET, "--debug");

        assertThat(List.of(fromVariable, fromFile, fromFlag)).allSatisfy(run -> {
            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.output()).doesNotContain(SECRET).contains("is unreachable");
        });
        assertThat(fromFlag.err()).contains("clearml-migrate: warning: --mongo-password on the command line");
        assertThat(fromFile.err() + fromVariable.err()).doesNotContain("warning");
    }

    @Test
    void environmentNamesVariablesButNotTheirValues() {
        Environment environment = Environment.of(Map.of("CLEARML_MIGRATE_MONGO_PASSWORD", SECRET));

        assertThat(environment.toString()).contains("CLEARML_MIGRATE_MONGO_PASSWORD").doesNotContain(SECRET);
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
