package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.events.ElasticSettings;
import clearml.migrate.mongo.MongoSettings;
import clearml.migrate.testing.CliRun;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
