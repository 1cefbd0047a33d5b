package clearml.migrate.exporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MongoSelectionSourceTest {

    private static MongoServer server;
    private static MongoClient client;
    private static MongoDatabase backend;

    @BeforeAll
    static void start() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        backend = client.getDatabase("backend");
        backend.getCollection("project").insertMany(List.of(
                new Document("_id", "p1").append("name", "A").append("company", "c1").append("path", List.of()),
                new Document("_id", "p2").append("name", "A/B").append("company", "c1").append("parent", "p1")
                        .append("path", List.of("p1"))));
        List<Document> tasks = new ArrayList<>();
        IntStream.range(0, 2500).forEach(i -> tasks.add(new Document("_id", "t" + i).append("name", "task " + i)
                .append("company", "c1").append("project", i % 2 == 0 ? "p1" : "p2").append("status", "published")
                .append("system_tags", List.of()).append("models", new Document("input", List.of())
                        .append("output", List.of(new Document("name", "out").append("model", "m" + i))))));
        tasks.add(new Document("_id", "root1").append("name", "loose").append("company", "c1"));
        tasks.add(new Document("_id", "root2").append("name", "loose").append("company", "c2").append("project", ""));
        tasks.add(new Document("_id", "legacy").append("name", "old").append("company", "c1").append("project", "p9")
                .append("execution", new Document("model", "mx")).append("output", new Document("model", "my")));
        backend.getCollection("task").insertMany(tasks);
        backend.getCollection("model").insertMany(List.of(
                new Document("_id", "ma").append("project", "p2"),
                new Document("_id", "mb").append("project", "elsewhere")));
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdownNow();
    }

    private final MongoSelectionSource source = new MongoSelectionSource(backend);

    @Test
    void readsTheProjectTree() {
        assertThat(source.projects().subtree("p1")).containsExactly("p1", "p2");
        assertThat(source.projects().find("p2")).hasValue(new ProjectRef("p2", "A/B", "c1", "p1", List.of("p1")));
    }

    @Test
    void findsTasksOfManyProjectsInBatches() {
        List<String> projectIds = new ArrayList<>(List.of("p1", "p2"));
        IntStream.range(0, 2100).forEach(i -> projectIds.add("none" + i));

        List<TaskRef> tasks = source.tasksInProjects(projectIds);

        assertThat(tasks).hasSize(2500);
        assertThat(tasks).filteredOn(task -> task.id().equals("t7")).singleElement()
                .extracting(TaskRef::modelIds).isEqualTo(List.of("m7"));
    }

    @Test
    void findsTasksWithoutProjectPerCompany() {
        assertThat(source.tasksWithoutProject(null)).extracting(TaskRef::id).containsExactlyInAnyOrder("root1", "root2");
        assertThat(source.tasksWithoutProject("c2")).extracting(TaskRef::id).containsExactly("root2");
    }

    @Test
    void findsATaskByIdBeforeByName() {
        assertThat(source.tasksByIdOrName("t5", null)).extracting(TaskRef::name).containsExactly("task 5");
        assertThat(source.tasksByIdOrName("loose", null)).hasSize(2);
        assertThat(source.tasksByIdOrName("loose", "c1")).extracting(TaskRef::id).containsExactly("root1");
    }

    @Test
    void readsLegacyModelReferences() {
        assertThat(source.tasksByIdOrName("legacy", null).get(0).modelIds()).containsExactly("mx", "my");
    }

    @Test
    void findsModelsLivingInProjects() {
        assertThat(source.modelsInProjects(List.of("p1", "p2"))).containsExactly(java.util.Map.entry("ma", "p2"));
    }
}
