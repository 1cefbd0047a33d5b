package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.importing.TestArchive;
import clearml.migrate.testing.CliRun;
import clearml.migrate.testing.PlotData;
import clearml.migrate.testing.StoreSnapshot;
import clearml.migrate.events.EventIds;
import clearml.sandbox.ElasticHttp;
import clearml.sandbox.Sandbox;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.api.Credentials;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code relink --api-host} and its {@code undo --api-host}, through the command line against the sandbox's ClearML
 * API stand-in (not ClearML's apiserver, which cannot be installed here) over real MongoDB-wire and OpenSearch
 * stores. A URL is planted in every place of the link table, each its own (as {@code LinkPlacesEndToEndTest}
 * does for the direct relink), in entities the API can and cannot change: a draft and a published report, a
 * published task (its events go back with {@code allow_locked}), a ready model, and a public task, which no
 * company's key may write. The stores are read here by hand-written paths and an independent zlib decoder.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class RelinkThroughApiTest {

    private static final String OLD = "http://old-files:8081";
    private static final String NEW = "https://files.new.example";
    private static final String PROJECT = "d0000000000000000000000000000001";
    private static final String TASK = "d0000000000000000000000000000002";
    private static final String MODEL = "d0000000000000000000000000000003";
    private static final String DRAFT = "d0000000000000000000000000000004";
    private static final String PUBLISHED_REPORT = "d0000000000000000000000000000005";
    private static final String PUBLISHED = "d0000000000000000000000000000006";
    private static final String PUBLIC = "d0000000000000000000000000000007";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One planted URL and where it is read back: a document path or an event's field. */
    private record Place(String slug, boolean rewritten, Function<StoreSnapshot, String> read) {
    }

    private final List<Place> places = List.of(
            new Place("model-uri", true, s -> document(s, "model", MODEL, "uri")),
            new Place("artifact-uri", true, s -> artifact(s).getString("uri")),
            new Place("artifact-preview", false,
                    s -> artifact(s).get("type_data", Document.class).getString("preview")),
            new Place("output-destination", true, s -> document(s, "task", TASK, "output.destination")),
            new Place("draft-report", true, s -> document(s, "task", DRAFT, "report")),
            new Place("draft-asset", true, s -> document(s, "task", DRAFT, "report_assets.1")),
            new Place("published-report", false, s -> document(s, "task", PUBLISHED_REPORT, "report")),
            new Place("description", true, s -> document(s, "project", PROJECT, "description")),
            new Place("default-output", true, s -> document(s, "project", PROJECT, "default_output_destination")),
            new Place("logo", false, s -> document(s, "project", PROJECT, "logo_url")),
            new Place("debug-image", true, s -> event(s, "training_debug_image", TASK).path("url").asText()),
            new Place("plot-str", true, s -> plot(s, "small").path("plot_str").asText()),
            new Place("plot-data", true, s -> PlotData.inflate(plot(s, "large").path("plot_data").asText())),
            new Place("plot-str", true, s -> plot(s, "small").path("source_urls").toString()),
            new Place("published-image", true, s -> event(s, "training_debug_image", PUBLISHED).path("url").asText()),
            new Place("public-image", false, s -> event(s, "training_debug_image", PUBLIC).path("url").asText()),
            new Place("model-image", true, s -> event(s, "training_debug_image", MODEL).path("url").asText()));

    @TempDir
    Path dir;

    private Sandbox target;
    private ApiStandIn api;
    private String company;

    /** A ready model's debug image, written to the engine as ClearML stores model events (data model §2.6). */
    private void plantModelEvent() {
        ObjectNode event = JSON.createObjectNode().put("task", MODEL).put("type", "training_debug_image")
                .put("timestamp", 1700000000300L).put("iter", 2).put("metric", "img").put("variant", "m")
                .put("key", "img/m").put("url", url(OLD, "model-image")).put("model_event", true)
                .put("@timestamp", "2023-11-14T22:13:20.300Z").put("worker", "");
        new ElasticHttp(target.elasticUri()).put("/events-training_debug_image-" + company + "/_doc/"
                + EventIds.metricEventId(event) + "?refresh=true", event.toString());
    }

    @BeforeEach
    void plantUrls(@TargetServer Sandbox sandbox, @TargetServer ApiStandIn standIn) {
        target = sandbox;
        api = standIn;
        FreshServer.initialize(target.mongoUri(), FreshServer.DEFAULT_COMPANY, "clearml");
        company = api.primaryCompany();
        CliRun imported = CliRun.run("import", archive().toString(), "--company", company, "--mongo-host",
                target.mongoUri(), "--elastic-host", target.elasticUri().toString(), "--undo-log",
                dir.resolve("import.undo.jsonl.gz").toString(), "--no-progress");
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        try (MongoClient mongo = MongoClients.create(target.mongoUri())) {
            mongo.getDatabase("backend").getCollection("task").updateOne(new Document("_id", PUBLIC),
                    new Document("$set", new Document("company", "").append("company_origin", company)));
        }
        plantModelEvent();
        assertEachPlace(snapshot(), false);
    }

    @Test
    void rewritesEveryPlaceTheApiCanReachAndListsEveryOtherPerEntity() throws IOException {
        CliRun relinked = relink("--json");

        assertThat(relinked.exitCode()).as(relinked.output()).isEqualTo(1);
        StoreSnapshot after = snapshot();
        assertEachPlace(after, true);
        JsonNode large = plot(after, "large");
        assertThat(large.has("plot_str")).isFalse();
        assertThat(large.path("plot_len").asInt())
                .isEqualTo(PlotData.inflate(large.path("plot_data").asText()).length());
        JsonNode small = plot(after, "small");
        assertThat(small.path("plot_len").asInt()).isEqualTo(small.path("plot_str").asText().length());
        JsonNode report = JSON.readTree(relinked.out());
        assertThat(notRewritten(report)).containsExactlyInAnyOrder("project " + PROJECT + " project.logo_url 1",
                "task " + PUBLISHED_REPORT + " task.report 1", "task " + PUBLISHED_REPORT + " task.report_assets 1",
                "task " + PUBLIC + " events 1");
        assertThat(report.path("relinked").path("sources").findValuesAsText("name"))
                .contains("projects", "tasks", "models", "events training_debug_image", "events plot");
    }

    @Test
    void aDryRunWritesNothingAndARerunFindsNothingLeftToWrite() throws IOException {
        StoreSnapshot before = snapshot();

        CliRun dry = relink("--dry-run", "--json");

        assertThat(dry.exitCode()).as(dry.output()).isZero();
        assertThat(snapshot().differences(before)).isEmpty();
        assertThat(urls(JSON.readTree(dry.out()))).as(dry.out()).isEqualTo(14); // the large plot's source_urls too
        assertThat(Files.exists(journal())).isFalse();
        assertThat(relink().exitCode()).isEqualTo(1);
        StoreSnapshot relinked = snapshot();

        CliRun rerun = cli("relink", "--api-host", api.url(), "--host-source", OLD, "--host-target", NEW,
                "--undo-log", dir.resolve("rerun.undo.jsonl.gz").toString(), "--json", "--no-progress");

        assertThat(urls(JSON.readTree(rerun.out()))).isZero();
        assertThat(snapshot().differences(relinked)).isEmpty();
    }

    @Test
    void undoThroughTheApiPutsEveryRewrittenUrlBackAndASecondUndoChangesNothing() {
        assertThat(relink().exitCode()).isEqualTo(1);

        CliRun direct = CliRun.run("undo", journal().toString(), "--mongo-host", target.mongoUri(), "--elastic-host",
                target.elasticUri().toString(), "--no-progress");
        CliRun undone = cli("undo", "--api-host", api.url(), journal().toString(), "--no-progress");

        assertThat(direct.exitCode()).isEqualTo(2);
        assertThat(direct.err().strip().lines()).hasSize(1);
        assertThat(direct.err()).contains("undo --api-host");
        assertThat(undone.exitCode()).as(undone.output()).isZero();
        StoreSnapshot restored = snapshot();
        assertEachPlace(restored, false);
        CliRun again = cli("undo", "--api-host", api.url(), journal().toString(), "--no-progress");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.out()).contains("0 fields, 0 events restored");
        assertThat(snapshot().differences(restored)).isEmpty();
    }

    private void assertEachPlace(StoreSnapshot stores, boolean relinked) {
        for (Place place : places) {
            boolean changed = relinked && place.rewritten();
            assertThat(place.read().apply(stores)).as(place.slug()).contains(url(changed ? NEW : OLD, place.slug()))
                    .doesNotContain(url(changed ? OLD : NEW, place.slug()));
        }
    }

    private static List<String> notRewritten(JsonNode report) {
        List<String> items = new ArrayList<>();
        report.path("notRewritten").forEach(item -> items.add(item.path("kind").asText() + " " + item.path("id")
                .asText() + " " + item.path("place").asText() + " " + item.path("urls").asLong()));
        return items;
    }

    private static long urls(JsonNode report) {
        long urls = 0;
        for (JsonNode source : report.path("relinked").path("sources")) {
            for (JsonNode count : source.path("urlsByPlace")) {
                urls += count.asLong();
            }
        }
        return urls;
    }

    private CliRun relink(String... more) {
        List<String> args = new ArrayList<>(List.of("relink", "--api-host", api.url(), "--host-source", OLD,
                "--host-target", NEW, "--undo-log", journal().toString(), "--no-progress"));
        args.addAll(List.of(more));
        return cli(args.toArray(String[]::new));
    }

    private CliRun cli(String... args) {
        Credentials keys = api.userCredentials();
        return CliRun.run(Environment.of(Map.of("HOME", dir.toString(), "CLEARML_API_ACCESS_KEY", keys.accessKey(),
                "CLEARML_API_SECRET_KEY", keys.secretKey())), args);
    }

    private Path journal() {
        return dir.resolve("relink.undo.jsonl.gz");
    }

    private StoreSnapshot snapshot() {
        // the stand-in's accounts record each login's time: only the entities and the events are compared
        return StoreSnapshot.of(target.mongoUri(), target.elasticUri(), target.fileserverDir()).ignoringEmpty()
                .onlyCollections(Set.of("backend.project", "backend.task", "backend.model"));
    }

    private static String document(StoreSnapshot stores, String collection, String id, String path) {
        Object value = stores.collection("backend." + collection).stream()
                .filter(document -> id.equals(document.get("_id"))).findFirst().orElseThrow();
        for (String step : path.split("\\.")) {
            value = value instanceof List<?> list ? list.get(Integer.parseInt(step)) : ((Document) value).get(step);
        }
        return String.valueOf(value);
    }

    /**
     * The task's one artifact, under whatever key: the server keys what {@code tasks.edit} sends by
     * {@code md5(key)_mode}, where the archive said {@code a1b2_output}.
     */
    private static Document artifact(StoreSnapshot stores) {
        Document task = stores.collection("backend.task").stream().filter(document -> TASK.equals(document.get("_id")))
                .findFirst().orElseThrow();
        return (Document) task.get("execution", Document.class).get("artifacts", Document.class).values().iterator()
                .next();
    }

    private JsonNode event(StoreSnapshot stores, String type, String task) {
        return stores.events().get("events-" + type + "-" + company).values().stream()
                .filter(event -> event.path("task").asText().equals(task)).findFirst().orElseThrow();
    }

    private JsonNode plot(StoreSnapshot stores, String metric) {
        return stores.events().get("events-plot-" + company).values().stream()
                .filter(event -> event.path("metric").asText().equals(metric)).findFirst().orElseThrow();
    }

    private Path archive() {
        return new TestArchive().raw("metadata.json", "{\"created_by\":\"test\"}").projects(project())
                .tasks(task(), report(DRAFT, "created", "draft-report", "draft-asset"),
                        report(PUBLISHED_REPORT, "published", "published-report", "published-asset"),
                        plainTask(PUBLISHED, "published"), plainTask(PUBLIC, "completed"))
                .models(model())
                .events(TASK, event(TASK, "training_debug_image", "img", "\"key\": \"img/v\", \"url\": \""
                                + url(OLD, "debug-image") + "\""),
                        event(TASK, "plot", "small", "\"plot_str\": " + quoted(smallPlot()) + ", \"source_urls\": [\""
                                + url(OLD, "plot-str") + "\"]"),
                        event(TASK, "plot", "large", "\"plot_data\": " + quoted(PlotData.deflate(largePlot()))))
                .events(PUBLISHED, event(PUBLISHED, "training_debug_image", "img", "\"key\": \"img/p\", \"url\": \""
                        + url(OLD, "published-image") + "\""))
                .events(PUBLIC, event(PUBLIC, "training_debug_image", "img", "\"key\": \"img/q\", \"url\": \""
                        + url(OLD, "public-image") + "\""))
                .writeTo(dir, "links.zip");
    }

    private static String project() {
        return "{\"_id\": \"" + PROJECT + "\", \"company\": \"\", \"user\": \"u-dana\", \"name\": \"Links\","
                + " \"basename\": \"Links\", \"created\": {\"$date\": 1700000000000}, \"tags\": [],"
                + " \"system_tags\": [],"
                + " \"featured\": 9999, \"path\": [],"
                + " \"description\": \"Overview: ![chart](" + url(OLD, "description") + ") and more\","
                + " \"default_output_destination\": \"" + url(OLD, "default-output") + "\","
                + " \"logo_url\": \"" + url(OLD, "logo") + "\"}";
    }

    private static String task() {
        return taskHead(TASK, "train", "training", "completed")
                + " \"output\": {\"destination\": \"" + url(OLD, "output-destination") + "\"},"
                + " \"execution\": {\"parameters\": {}, \"artifacts\": {\"a1b2_output\": {\"key\": \"table\","
                + " \"mode\": \"output\", \"uri\": \"" + url(OLD, "artifact-uri") + "\", \"type_data\": {\"preview\":"
                + " \"first row: " + url(OLD, "artifact-preview") + "\"}}}}}";
    }

    private static String report(String id, String status, String text, String asset) {
        return taskHead(id, "report " + text, "report", status)
                + " \"report\": \"# Results\\n![loss](" + url(OLD, text) + ")\\n\","
                + " \"report_assets\": [\"s3://bucket/elsewhere.png\", \"" + url(OLD, asset) + "\"],"
                + " \"execution\": {\"parameters\": {}, \"artifacts\": {}}}";
    }

    private static String plainTask(String id, String status) {
        return taskHead(id, "task " + id.substring(31), "training", status)
                + " \"execution\": {\"parameters\": {}, \"artifacts\": {}}}";
    }

    private static String taskHead(String id, String name, String type, String status) {
        return "{\"_id\": \"" + id + "\", \"company\": \"\", \"user\": \"u-eli\", \"name\": \"" + name + "\","
                + " \"type\": \"" + type + "\", \"status\": \"" + status + "\", \"comment\": \"\","
                + " \"created\": {\"$date\": 1700000000000}, \"project\": \"" + PROJECT + "\", \"tags\": [],"
                + " \"system_tags\": [], \"last_update\": {\"$date\": 1700000000500}, \"last_iteration\": 1,"
                + " \"last_metrics\": {}, \"hyperparams\": {}, \"configuration\": {}, \"runtime\": {},"
                + " \"models\": {\"input\": [], \"output\": []}, \"container\": {},";
    }

    private static String model() {
        return "{\"_id\": \"" + MODEL + "\", \"company\": \"\", \"user\": \"u-eli\", \"name\": \"weights\","
                + " \"project\": \"" + PROJECT + "\", \"created\": {\"$date\": 1700000000000}, \"task\": \"" + TASK
                + "\", \"tags\": [], \"system_tags\": [], \"uri\": \"" + url(OLD, "model-uri") + "\", \"ready\": true}";
    }

    private static String smallPlot() {
        return "{\"layout\": {\"images\": [{\"source\": \"" + url(OLD, "plot-str") + "\"}]}}";
    }

    /** Too long to be stored uncompressed (data model §2.5): the server keeps it in {@code plot_data}. */
    private static String largePlot() {
        return "{\"layout\": {\"images\": [{\"source\": \"" + url(OLD, "plot-data") + "\"}]}, \"padding\": \""
                + "x".repeat(120_000) + "\"}";
    }

    private static String event(String task, String type, String metric, String fields) {
        return "{\"task\": \"" + task + "\", \"type\": \"" + type + "\", \"timestamp\": 1700000000200, \"iter\": 1,"
                + " \"metric\": \"" + metric + "\", \"variant\": \"v\", \"model_event\": false,"
                + " \"@timestamp\": \"2023-11-14T22:13:20.200Z\", \"worker\": \"\", " + fields + "}";
    }

    private static String url(String prefix, String slug) {
        return prefix + "/" + slug + "/file.png";
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
