package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.mongo.MemoryMongo;
import clearml.migrate.testing.CliRun;
import java.io.IOException;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code clearml-migrate ping} through the real command line, where a store fails; PingSandboxTest has the rest. */
class PingCommandTest {

    private final MemoryMongo mongo = new MemoryMongo();

    @AfterEach
    void stop() {
        mongo.close();
    }

    private void seedTwoCompanies() {
        var backend = mongo.client().getDatabase("backend");
        backend.getCollection("company").insertMany(List.of(
                new Document("_id", "d1bd92a3b039400cbafc60a7a5b1e52b").append("name", "clearml"),
                new Document("_id", "e2c0ffee").append("name", "acme")));
        backend.getCollection("versions").insertMany(List.of(
                new Document("_id", "v1").append("num", "1.9.0"), new Document("_id", "v2").append("num", "0.17.0")));
    }

    @Test
    void unreachableElasticsearchPrintsOneLineAndExitsThree() throws IOException {
        seedTwoCompanies();
        int port = ConnectionOptionsTest.closedPort();

        CliRun run = CliRun.run("ping", "--mongo-host", mongo.uri(), "--elastic-host", "http://127.0.0.1:" + port);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("clearml-migrate: Elasticsearch at http://127.0.0.1:" + port);
    }

    @Test
    void refusesAMongoWithoutClearmlData() {
        mongo.client().getDatabase("shop").getCollection("orders").insertOne(new Document("_id", 1));

        CliRun run = CliRun.run("ping", "--mongo-host", mongo.uri());

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString().startsWith("clearml-migrate: MongoDB at 127.0.0.1:")
                .contains("holds no ClearML data");
    }

    @Test
    void unreachableMongoPrintsOneLineAndExitsThree() throws IOException {
        int port = ConnectionOptionsTest.closedPort();

        CliRun run = CliRun.run("ping", "--mongo-host", "mongodb://127.0.0.1:" + port);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString().isEqualTo("clearml-migrate: MongoDB at 127.0.0.1:"
                + port + " is unreachable; check --mongo-host and that the server is running (caused by: Exception "
                + "opening socket; Connection refused)");
    }

    @Test
    void malformedMongoHostIsAUsageError() {
        CliRun run = CliRun.run("ping", "--mongo-host", "db.example:27017");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("clearml-migrate: --mongo-host is not a MongoDB connection string");
    }

    @Test
    void refusedMongoLoginPrintsOneLineAndExitsThree() {
        seedTwoCompanies();

        CliRun run = CliRun.run(Environment.of(java.util.Map.of("CLEARML_MIGRATE_MONGO_PASSWORD", "hunter2")),
                "ping", "--mongo-host", mongo.uri(), "--mongo-user", "clearml");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().lines()).singleElement().asString().contains("refused the credentials")
                .doesNotContain("hunter2");
    }
}
