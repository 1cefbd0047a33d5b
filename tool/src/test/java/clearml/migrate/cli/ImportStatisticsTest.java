package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.importing.Clearml110Archive;
import clearml.migrate.importing.ClearmlServerStatistics;
import clearml.migrate.importing.StoredEvents;
import clearml.migrate.importing.TestArchive;
import clearml.migrate.testing.CliRun;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statistics on import: an archive as ClearML 1.10 writes it ({@link Clearml110Archive}) imported into a 2.x
 * target leaves each task with exactly the statistics a 2.x server computes from the same events
 * ({@link ClearmlServerStatistics}, a transcription of the server's code, one batch to a fresh task), counts not
 * doubled on a rerun; a 1.x target keeps the 1.x shape; models with events get theirs; {@code --no-events}
 * archives keep what they hold; and {@code verify} agrees, and finds a planted wrong count.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class ImportStatisticsTest {

    private static final String COMPANY = "57a7157c5c0mpany000000000000000a";
    private static final List<String> TASKS = List.of(Clearml110Archive.SCALARS, Clearml110Archive.LOGS,
            Clearml110Archive.PLOTS, Clearml110Archive.BEYOND, Clearml110Archive.EXTREMES,
            Clearml110Archive.TWO_BATCHES);
    private static final List<String> STATISTICS = List.of("last_iteration", "last_metrics", "unique_metrics",
            "metric_stats");

    private final Sandbox target;
    private final Path dir;

    ImportStatisticsTest(@TargetServer Sandbox target, @TempDir Path dir) {
        this.target = target;
        this.dir = dir;
    }

    @Test
    void aClearml110ArchiveGetsTheStatisticsA2xServerComputesFromItsEvents() {
        FreshServer.initialize(target.mongoUri(), COMPANY, "target");
        Path archive = Clearml110Archive.write(dir);

        JsonNode report = importJson(archive);

        for (String task : TASKS) {
            assertThat(statistics(task)).as("task %s", task)
                    .isEqualTo(only(ClearmlServerStatistics.version2().fresh(Clearml110Archive.events(task), false)));
        }
        assertThat(report.get("statistics").get("task.last_metrics").get("filled").asLong())
                .as("1.x entries without count, mean and first value").isEqualTo(3);
        assertThat(report.get("statistics").get("task.last_metrics").get("corrected").asLong()).isEqualTo(1);
        assertThat(report.get("statistics").get("task.last_iteration").get("corrected").asLong())
                .as("the task whose events go beyond its archived last_iteration").isEqualTo(1);
        assertThat(report.get("serverLine").asText()).isEqualTo("2.x");
        assertThat(scalarEvents()).isNotEmpty().noneMatch(event -> event.has("x_axis_label"));
        assertThat(verify(archive).exitCode()).isZero();
    }

    @Test
    void aRerunLeavesTheSameStatisticsWithCountsNotDoubled() {
        FreshServer.initialize(target.mongoUri(), COMPANY, "target");
        Path archive = Clearml110Archive.write(dir);
        importJson(archive);
        Document first = statistics(Clearml110Archive.SCALARS);

        JsonNode again = importJson(archive);

        assertThat(statistics(Clearml110Archive.SCALARS)).isEqualTo(first);
        Document lossTrain = first.get("last_metrics", Document.class).get(md5("loss"), Document.class)
                .get(md5("train"), Document.class);
        assertThat(lossTrain.get("count")).as("20 events of loss/train, once each").isEqualTo(20);
        assertThat(again.get("statistics").get("task.last_metrics").get("filled").asLong())
                .as("the rerun computes from the archive, not from what the first run stored").isEqualTo(3);
        assertThat(verify(archive).exitCode()).isZero();
    }

    @Test
    void aVersion1TargetKeepsTheVersion1Shape() {
        FreshServer.initializeVersion1(target.mongoUri(), COMPANY, "target");
        Path archive = Clearml110Archive.write(dir);

        JsonNode report = importJson(archive);

        assertThat(report.get("serverLine").asText()).isEqualTo("1.x");
        for (String task : TASKS) {
            Document stored = statistics(task);
            assertThat(stored).as("task %s", task)
                    .isEqualTo(only(ClearmlServerStatistics.version1().fresh(Clearml110Archive.events(task), false)));
            assertThat(stored).doesNotContainKey("unique_metrics");
            stored.get("last_metrics", Document.class).values().forEach(variants ->
                    ((Document) variants).values().forEach(entry -> assertThat((Document) entry)
                            .doesNotContainKeys("count", "mean_value", "first_value", "x_axis_label")));
        }
        assertThat(document("model", Clearml110Archive.MODEL)).doesNotContainKeys("last_metrics", "last_iteration");
        assertThat(scalarEvents()).anyMatch(event -> event.path("x_axis_label").asText().equals("epoch"));
        assertThat(verify(archive).exitCode()).isZero();
    }

    @Test
    void anExplicitTargetVersionWinsAndVerifyReadsItBackFromTheJournal() {
        FreshServer.initialize(target.mongoUri(), COMPANY, "target");
        Path archive = Clearml110Archive.write(dir);
        Path journal = dir.resolve("import.undo.jsonl.gz");
        CliRun run = CliRun.run("import", archive.toString(), "--company", COMPANY, "--user", "owner",
                "--target-version", "1.16", "--undo-log", journal.toString(), "--mongo-host", target.mongoUri(),
                "--elastic-host", target.elasticUri().toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.output()).isZero();

        CliRun fromJournal = CliRun.run("verify", archive.toString(), "--journal", journal.toString(),
                "--mongo-host", target.mongoUri(), "--elastic-host", target.elasticUri().toString(), "--no-progress");
        CliRun recognised = verify(archive);

        assertThat(statistics(Clearml110Archive.SCALARS)).isEqualTo(only(ClearmlServerStatistics.version1()
                .fresh(Clearml110Archive.events(Clearml110Archive.SCALARS), false)));
        assertThat(fromJournal.exitCode()).as(fromJournal.output()).isZero();
        assertThat(recognised.exitCode()).as("the target looks like 2.x, so 2.x statistics are expected")
                .isEqualTo(1);
    }

    @Test
    void aModelWithEventsGetsLastIterationLastMetricsAndUniqueMetrics() {
        FreshServer.initialize(target.mongoUri(), COMPANY, "target");
        List<ObjectNode> events = List.of(modelScalar(0, 100, 0.9), modelScalar(5, 200, 0.4),
                modelScalar(9, 300, 0.7));
        Path archive = new TestArchive()
                .models("{\"_id\": \"m1\", \"company\": \"\", \"user\": \"\", \"name\": \"model with events\","
                        + " \"created\": {\"$date\": 1700000000000}, \"ready\": false, \"last_iteration\": 3,"
                        + " \"last_metrics\": {}, \"unique_metrics\": []}")
                .events("m1", events.stream().map(ObjectNode::toString).toArray(String[]::new))
                .writeTo(dir, "model-events.zip");

        JsonNode report = importJson(archive);

        Document model = document("model", "m1");
        Document expected = ClearmlServerStatistics.version2().fresh(events, true);
        for (String field : List.of("last_iteration", "last_metrics", "unique_metrics")) {
            assertThat(model.get(field)).as(field).isEqualTo(expected.get(field));
        }
        assertThat(model).doesNotContainKey("metric_stats");
        assertThat(report.get("statistics").get("model.last_iteration").get("corrected").asLong()).isEqualTo(1);
        assertThat(verify(archive).exitCode()).isZero();
    }

    @Test
    void aNoEventsArchiveKeepsTheArchivedStatistics() {
        FreshServer.initialize(target.mongoUri(), COMPANY, "target");
        Path archive = Clearml110Archive.writeWithoutEvents(dir);

        JsonNode report = importJson(archive);

        Document beyond = statistics(Clearml110Archive.BEYOND);
        assertThat(beyond.get("last_iteration")).as("archived, though its events went further").isEqualTo(5);
        assertThat(beyond.get("last_metrics", Document.class).get(md5("loss"), Document.class)
                .get(md5("train"), Document.class)).doesNotContainKey("count");
        assertThat(report.get("statistics").isEmpty()).isTrue();
        assertThat(verify(archive).exitCode()).isZero();
    }

    @Test
    void verifyNamesAPlantedWrongCount() {
        FreshServer.initialize(target.mongoUri(), COMPANY, "target");
        Path archive = Clearml110Archive.write(dir);
        importJson(archive);
        String count = "last_metrics." + md5("loss") + "." + md5("train") + ".count";
        tasks(collection -> collection.updateOne(Filters.eq("_id", Clearml110Archive.SCALARS), Updates.set(count, 40)));

        CliRun run = verify(archive);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.out()).contains("task " + Clearml110Archive.SCALARS + " field " + count
                + ": archive 20 ≠ target 40");
    }

    private JsonNode importJson(Path archive) {
        CliRun run = CliRun.run("import", archive.toString(), "--company", COMPANY, "--user", "owner", "--json",
                "--mongo-host", target.mongoUri(), "--elastic-host", target.elasticUri().toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run.json();
    }

    private CliRun verify(Path archive) {
        return CliRun.run("verify", archive.toString(), "--company", COMPANY, "--user", "owner", "--mongo-host",
                target.mongoUri(), "--elastic-host", target.elasticUri().toString(), "--no-progress");
    }

    /** The statistics fields of a stored task. */
    private Document statistics(String task) {
        return only(document("task", task));
    }

    private static Document only(Document entity) {
        Document statistics = new Document();
        STATISTICS.stream().filter(entity::containsKey).forEach(field -> statistics.put(field, entity.get(field)));
        return statistics;
    }

    private Document document(String collection, String id) {
        try (MongoClient mongo = MongoClients.create(target.mongoUri())) {
            Document found = mongo.getDatabase("backend").getCollection(collection).find(Filters.eq("_id", id))
                    .first();
            assertThat(found).as("%s %s", collection, id).isNotNull();
            return found;
        }
    }

    private void tasks(Consumer<MongoCollection<Document>> change) {
        try (MongoClient mongo = MongoClients.create(target.mongoUri())) {
            change.accept(mongo.getDatabase("backend").getCollection("task"));
        }
    }

    private List<ObjectNode> scalarEvents() {
        List<ObjectNode> scalars = new ArrayList<>();
        StoredEvents.of(target.elasticUri(), COMPANY).values().stream()
                .filter(stored -> stored.index().startsWith("events-training_stats_scalar-"))
                .forEach(stored -> scalars.add(stored.source()));
        return scalars;
    }

    private static ObjectNode modelScalar(long iter, long timestamp, double value) {
        return new ObjectMapper().createObjectNode().put("task", "m1").put("type", "training_stats_scalar")
                .put("timestamp", timestamp).put("iter", iter).put("metric", "model loss").put("variant", "val")
                .put("value", value).put("model_event", true).put("worker", "");
    }

    private static String md5(String text) {
        return ClearmlServerStatistics.md5(text);
    }
}
