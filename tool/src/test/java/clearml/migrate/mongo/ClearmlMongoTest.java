package clearml.migrate.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.failures.NotAClearmlStoreException;
import clearml.migrate.failures.StoreAccessDeniedException;
import clearml.migrate.failures.StoreUnreachableException;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClearmlMongoTest {

    private final MemoryMongo server = new MemoryMongo();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void schemaVersionIsTheNewestRecordComparedAsVersions() {
        server.client().getDatabase("backend").getCollection("versions").insertMany(List.of(
                new Document("_id", "a").append("num", "1.9.0"),
                new Document("_id", "b").append("num", "1.10.0"),
                new Document("_id", "c").append("num", "0.17.0")));

        try (ClearmlMongo mongo = ClearmlMongo.open(new MongoSettings(server.uri(), null, null))) {
            assertThat(mongo.schemaVersion()).contains(new SchemaVersion("1.10.0"));
        }
    }

    @Test
    void schemaVersionIsEmptyWithoutRecords() {
        try (ClearmlMongo mongo = ClearmlMongo.open(new MongoSettings(server.uri(), null, null))) {
            assertThat(mongo.schemaVersion()).isEmpty();
        }
    }

    @Test
    void listsCompaniesWithTheirNames() {
        server.client().getDatabase("backend").getCollection("company").insertMany(List.of(
                new Document("_id", "d1bd92a3b039400cbafc60a7a5b1e52b").append("name", "clearml"),
                new Document("_id", "0aa1").append("name", "acme").append("defaults", new Document())));

        try (ClearmlMongo mongo = ClearmlMongo.open(new MongoSettings(server.uri(), null, null))) {
            assertThat(mongo.companies()).containsExactly(
                    new Company("0aa1", "acme"), new Company("d1bd92a3b039400cbafc60a7a5b1e52b", "clearml"));
        }
    }

    @Test
    void reportsTheServerVersion() {
        try (ClearmlMongo mongo = ClearmlMongo.open(new MongoSettings(server.uri(), null, null))) {
            assertThat(mongo.serverVersion()).matches("\\d+\\.\\d+\\.\\d+");
        }
    }

    @Test
    void acceptsAStoreWithClearmlCollections() {
        server.client().getDatabase("backend").getCollection("task").insertOne(new Document("_id", "t1"));

        try (ClearmlMongo mongo = ClearmlMongo.open(new MongoSettings(server.uri(), null, null))) {
            mongo.requireClearml();
            assertThat(mongo.backend().getCollection("task").countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void refusesAStoreWithoutBackendDatabase() {
        server.client().getDatabase("shop").getCollection("orders").insertOne(new Document("_id", 1));

        try (ClearmlMongo mongo = ClearmlMongo.open(new MongoSettings(server.uri(), null, null))) {
            assertThatThrownBy(mongo::requireClearml).isInstanceOf(NotAClearmlStoreException.class)
                    .hasMessageContaining("no ClearML data").hasMessageContaining("--mongo-host");
        }
    }

    @Test
    void refusesABackendDatabaseWithoutClearmlCollections() {
        server.client().getDatabase("backend").getCollection("orders").insertOne(new Document("_id", 1));

        try (ClearmlMongo mongo = ClearmlMongo.open(new MongoSettings(server.uri(), null, null))) {
            assertThatThrownBy(mongo::requireClearml).isInstanceOf(NotAClearmlStoreException.class);
        }
    }

    @Test
    void unreachableServerFailsFastNamingTheHost() throws IOException {
        int port = closedPort();
        long started = System.nanoTime();

        try (ClearmlMongo mongo = ClearmlMongo.open(new MongoSettings("mongodb://127.0.0.1:" + port, null, null))) {
            assertThatThrownBy(mongo::requireClearml).isInstanceOf(StoreUnreachableException.class)
                    .hasMessage("MongoDB at 127.0.0.1:" + port
                            + " is unreachable; check --mongo-host and that the server is running");
        }
        assertThat(System.nanoTime() - started).isLessThan(15_000_000_000L);
    }

    /** mongo-java-server knows no authentication, so any login fails as a real server's wrong password does. */
    @Test
    void refusedCredentialsNeverNameThePassword() {
        try (ClearmlMongo mongo = ClearmlMongo.open(new MongoSettings(server.uri(), "admin", "s3cret-pw"))) {
            assertThatThrownBy(mongo::requireClearml).isInstanceOf(StoreAccessDeniedException.class)
                    .hasMessageContaining("refused the credentials").hasMessageNotContaining("s3cret-pw")
                    .satisfies(e -> assertThat(String.valueOf(e.getCause())).doesNotContain("s3cret-pw"));
        }
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
