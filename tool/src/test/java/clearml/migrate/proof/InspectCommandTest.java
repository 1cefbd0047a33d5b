package clearml.migrate.proof;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.archive.ArchiveWriter;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.archive.EntryWriter;
import clearml.migrate.importing.SmallArchive;
import clearml.migrate.importing.TestArchive;
import clearml.migrate.testing.CliRun;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code clearml-migrate inspect}, through the command line, with no server. */
class InspectCommandTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.SMALL, Fixtures.RICH})
    void describesAGenuineArchiveAsPythonsZipfileCountsIt(String fixture) {
        Path archive = Fixtures.archive(fixture);
        JsonNode expected = PythonCount.of(archive, dir);

        CliRun run = CliRun.run("inspect", archive.toString(), "--json");

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode report = run.json();
        assertThat(report.get("problems")).isEmpty();
        assertThat(report.get("tasks").asLong()).isEqualTo(expected.get("tasks").asLong());
        assertThat(report.get("tasksByStatus")).isEqualTo(expected.get("tasks_by_status"));
        assertThat(report.get("tasksByType")).isEqualTo(expected.get("tasks_by_type"));
        assertThat(report.get("models").asLong()).isEqualTo(expected.get("models").asLong());
        assertThat(report.get("events").get("byType")).isEqualTo(expected.get("events_by_type"));
        assertThat(report.get("events").get("total").asLong()).isEqualTo(sum(expected.get("events_by_type")));
        assertThat(projectPairs(report.get("projects"), "")).containsExactlyInAnyOrderElementsOf(
                pairs(expected.get("projects")));
        assertThat(report.get("artifacts").get("files")).isEqualTo(expected.get("artifacts").get("files"));
        assertThat(report.get("artifacts").get("bytes")).isEqualTo(expected.get("artifacts").get("bytes"));
        assertThat(largest(report)).isEqualTo(largest(expected.get("events_per_task")));
    }

    @Test
    void warnsThatClearmlsImporterDropsModelEvents() {
        Path withModelEvents = SmallArchive.builder().events(SmallArchive.MODEL,
                "{\"task\":\"" + SmallArchive.MODEL + "\",\"type\":\"training_stats_scalar\",\"timestamp\":1,"
                        + "\"iter\":0,\"metric\":\"m\",\"variant\":\"v\",\"value\":1.0,\"model_event\":true}")
                .writeTo(dir, "model-events.zip");

        CliRun run = CliRun.run("inspect", withModelEvents.toString());
        CliRun clean = CliRun.run("inspect", SmallArchive.write(dir).toString(), "--json");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.out()).contains("Warning: 1 models have events in the archive (1 events, entries"
                + " Task_<model id>_events.json): ClearML's importer never opens these entries");
        assertThat(clean.json().get("warnings")).isEmpty();
    }

    @Test
    void printsTheSmallFixtureAsItsReadmeDescribesIt() {
        // README: 2 projects (a root and a child), 3 tasks completed, published and created, 2 models,
        // 6 events: 3 scalars, 1 log, 1 plot, 1 debug image.
        CliRun run = CliRun.run("inspect", Fixtures.archive(Fixtures.SMALL).toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.out())
                .containsPattern("\n  RT Root  \\[\\w+\\] \\d+ tasks, \\d+ models\n    RT Root/Child  \\[\\w+\\]")
                .containsPattern("Tasks 3\n")
                .containsPattern("completed\\s+1\n").containsPattern("published\\s+1\n")
                .containsPattern("created\\s+1\n")
                .containsPattern("Models 2\n")
                .containsPattern("Events 6\n")
                .containsPattern("training_stats_scalar\\s+3\n").containsPattern("log\\s+1\n")
                .containsPattern("plot\\s+1\n").containsPattern("training_debug_image\\s+1\n")
                .contains("Problems none");
    }

    @Test
    void aCorruptFileIsOneLineAndExitFour() throws IOException {
        Path genuine = Fixtures.archive(Fixtures.SMALL);
        byte[] bytes = Files.readAllBytes(genuine);
        Path truncated = Files.write(dir.resolve("truncated.zip"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        CliRun run = CliRun.run("inspect", truncated.toString());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).contains("truncated.zip").doesNotContain("\n");
    }

    @Test
    void showsUsersAndTheirCredentialCountButNeverAKeyOrSecret() {
        Path archive = withUsers(new Document("_id", "u-dana").append("name", "Dana").append("role", "admin")
                .append("email", "dana@acme.io").append("company", "")
                .append("credentials", List.of(new Document("key", "KEY4DANA0001").append("secret", "S3cretDanaXYZ"),
                        new Document("key", "KEY4DANA0002").append("secret", "S3cretDanaABC"))));

        CliRun text = CliRun.run("inspect", archive.toString());
        CliRun json = CliRun.run("inspect", archive.toString(), "--json");

        assertThat(text.exitCode()).as(text.output()).isZero();
        assertThat(text.out()).containsPattern("u-dana\\s+Dana\\s+dana@acme.io\\s+admin\\s+2 credentials");
        assertThat(json.json().get("users").get(0).get("credentials").asInt()).isEqualTo(2);
        for (CliRun run : List.of(text, json)) {
            assertThat(run.output()).doesNotContain("KEY4DANA", "S3cretDana");
        }
    }

    @Test
    void collectsEveryProblemAndStillDescribesTheRest() {
        Path archive = new TestArchive()
                .projects(project("p1", "Team"), project("p2", "Team/Lost", "p-gone"))
                .models(model("m1"))
                .tasks(task("t1", "p1", "completed", "m1"), task("t2", "p-gone", "completed", "m-gone"),
                        task("t3", "p1", "walking", "m1"), task("t1", "p1", "completed", "m1"))
                .events("t1", "{\"type\":\"log\",\"task\":\"t1\",\"msg\":\"hi\"}")
                .events("t-gone", "{\"type\":\"log\",\"task\":\"t-gone\",\"msg\":\"hi\"}",
                        "{\"type\":\"log\",\"task\":\"t-gone\",\"msg\":\"ho\"}")
                .writeTo(dir, "broken.zip");

        CliRun run = CliRun.run("inspect", archive.toString(), "--json");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        JsonNode report = run.json();
        List<String> problems = new ArrayList<>();
        report.get("problems").forEach(p -> problems.add(p.asText()));
        assertThat(problems).hasSize(6).anySatisfy(p -> assertThat(p).contains("task t2", "project p-gone"))
                .anySatisfy(p -> assertThat(p).contains("task t2", "model m-gone"))
                .anySatisfy(p -> assertThat(p).contains("task t3", "unknown status \"walking\""))
                .anySatisfy(p -> assertThat(p).contains("duplicate _id t1"))
                .anySatisfy(p -> assertThat(p).contains("t-gone", "does not hold"))
                .anySatisfy(p -> assertThat(p).contains("project p2", "parent p-gone"));
        assertThat(report.get("tasks").asLong()).isEqualTo(3);
        assertThat(report.get("events").get("total").asLong()).isEqualTo(3);
        assertThat(report.get("events").get("largestTasks").get(0).get("taskId").asText()).isEqualTo("t-gone");
    }

    @Test
    void countsAModelsEventsEntryAsTheModelsNotAsAnOrphan() {
        Path archive = new TestArchive()
                .projects(project("p1", "Team"))
                .models(model("m1"))
                .tasks(task("t1", "p1", "completed", "m1"))
                .events("m1", "{\"type\":\"training_stats_scalar\",\"task\":\"m1\",\"model_event\":true}")
                .writeTo(dir, "model-events.zip");

        CliRun run = CliRun.run("inspect", archive.toString(), "--json");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.json().get("problems")).isEmpty();
        JsonNode largest = run.json().get("events").get("largestTasks").get(0);
        assertThat(largest.get("taskId").asText()).isEqualTo("m1");
        assertThat(largest.get("taskName").asText()).isEqualTo("model weights");
    }

    private Path withUsers(Document auth) {
        try (ArchiveWriter writer = ArchiveWriter.create(dir.resolve("users.zip"))) {
            try (EntryWriter<Document> projects = writer.entities(EntityKind.PROJECT)) {
                projects.write(new Document("_id", "p1").append("name", "Team"));
            }
            writer.users(List.of(auth), List.of(new Document("_id", auth.get("_id")).append("name", "Dana")));
            ObjectNode metadata = new ObjectMapper().createObjectNode().put("user_id", "u-dana");
            return writer.finish(entries -> metadata).path();
        }
    }

    private static String project(String id, String name, String... parent) {
        String parentField = parent.length == 0 ? "" : ", \"parent\": \"" + parent[0] + "\"";
        return "{\"_id\": \"" + id + "\", \"name\": \"" + name + "\"" + parentField + "}";
    }

    private static String model(String id) {
        return "{\"_id\": \"" + id + "\", \"name\": \"weights\", \"project\": \"p1\"}";
    }

    private static String task(String id, String project, String status, String model) {
        return "{\"_id\": \"" + id + "\", \"name\": \"task " + id + "\", \"type\": \"training\", \"status\": \""
                + status + "\", \"project\": \"" + project + "\", \"models\": {\"input\": [{\"name\": \"in\","
                + " \"model\": \"" + model + "\"}], \"output\": []}}";
    }

    private static long sum(JsonNode counts) {
        long total = 0;
        for (JsonNode count : counts) {
            total += count.asLong();
        }
        return total;
    }

    private static List<List<String>> projectPairs(JsonNode nodes, String parent) {
        List<List<String>> pairs = new ArrayList<>();
        for (JsonNode node : nodes) {
            pairs.add(List.of(node.get("name").asText(), parent));
            pairs.addAll(projectPairs(node.get("children"), node.get("name").asText()));
        }
        return pairs;
    }

    private static List<List<String>> pairs(JsonNode array) {
        List<List<String>> pairs = new ArrayList<>();
        array.forEach(pair -> pairs.add(List.of(pair.get(0).asText(), pair.get(1).asText())));
        return pairs;
    }

    /** Event counts of the largest tasks, largest first (ids can tie, so only the counts are compared). */
    private static List<Long> largest(JsonNode reportOrCounts) {
        List<Long> counts = new ArrayList<>();
        if (reportOrCounts.has("events")) {
            reportOrCounts.get("events").get("largestTasks").forEach(t -> counts.add(t.get("events").asLong()));
            return counts;
        }
        Map<String, Long> perTask = new HashMap<>();
        reportOrCounts.fields().forEachRemaining(e -> perTask.put(e.getKey(), e.getValue().asLong()));
        return perTask.values().stream().sorted(Comparator.reverseOrder()).limit(10).toList();
    }
}
