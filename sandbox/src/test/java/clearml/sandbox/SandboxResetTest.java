package clearml.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SandboxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxResetTest {

    @Test
    @Order(1)
    void resetEmptiesMongoEventsAndFileServer(@TargetServer Sandbox sandbox) throws IOException {
        fill(sandbox);

        sandbox.reset();

        assertThat(userDatabases(sandbox)).isEmpty();
        assertThat(eventIndices(sandbox)).isEmpty();
        assertThat(sandbox.fileserverDir()).isEmptyDirectory();
        assertThat(new ElasticHttp(sandbox.elasticUri()).get("/_index_template/events_log")
                .at("/index_templates/0/name").asText()).isEqualTo("events_log");
    }

    @Test
    @Order(2)
    void fillsTheTargetForTheNextTest(@TargetServer Sandbox sandbox) throws IOException {
        fill(sandbox);

        assertThat(userDatabases(sandbox)).containsExactlyInAnyOrder("backend", "auth");
        assertThat(eventIndices(sandbox)).containsExactly("events-log-c1");
    }

    @Test
    @Order(3)
    @FreshStores
    void freshStoresResetsTheTargetBeforeTheTest(@TargetServer Sandbox sandbox) {
        assertThat(userDatabases(sandbox)).isEmpty();
        assertThat(eventIndices(sandbox)).isEmpty();
        assertThat(sandbox.fileserverDir()).isEmptyDirectory();
    }

    private static void fill(Sandbox sandbox) throws IOException {
        try (MongoClient client = MongoClients.create(sandbox.mongoUri())) {
            client.getDatabase("backend").getCollection("task").insertOne(new Document("_id", "t1"));
            client.getDatabase("auth").getCollection("user").insertOne(new Document("_id", "u1"));
        }
        new ElasticHttp(sandbox.elasticUri()).post("/events-log-c1/_doc?refresh=true", "{\"task\":\"t1\"}");
        Files.createDirectories(sandbox.fileserverDir().resolve("p/t1"));
        Files.writeString(sandbox.fileserverDir().resolve("p/t1/a.txt"), "x");
    }

    private static List<String> userDatabases(Sandbox sandbox) {
        try (MongoClient client = MongoClients.create(sandbox.mongoUri())) {
            List<String> names = client.listDatabaseNames().into(new ArrayList<>());
            names.removeAll(List.of("admin", "local", "config"));
            return names;
        }
    }

    private static List<String> eventIndices(Sandbox sandbox) {
        List<String> names = new ArrayList<>();
        new ElasticHttp(sandbox.elasticUri()).get("/_cat/indices/events-*?format=json&h=index")
                .forEach(row -> names.add(row.get("index").asText()));
        return names;
    }
}
