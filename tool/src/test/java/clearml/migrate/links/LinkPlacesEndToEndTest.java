package clearml.migrate.links;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.importing.StoredEvents;
import clearml.migrate.importing.TestArchive;
import clearml.migrate.testing.CliRun;
import clearml.migrate.testing.PlotData;
import clearml.migrate.testing.StoreSnapshot;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.SearchEngine;
import clearml.sandbox.junit.SearchEngineTest;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every row of the {@link LinkPlace} table, end to end: an archive holds one URL in each place, each URL its own;
 * the scanner finds each, {@code import --url-map} and {@code relink} (through the command line, against the
 * sandbox and each search engine) rewrite each default place and no other, and {@code undo} puts every one back.
 * The stored values are read here by hand-written paths and an independent zlib decoder, not by the table.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class LinkPlacesEndToEndTest {

    private static final String COMPANY = "f1ace5000000000000000000000000e1";
    private static final String OLD = "http://old-files:8081";
    private static final String NEW = "https://files.new.example";
    private static final String PROJECT = "d0000000000000000000000000000001";
    private static final String TASK = "d0000000000000000000000000000002";
    private static final String MODEL = "d0000000000000000000000000000003";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where one place's URL is, read back from a store by hand: a document path or an event's field. */
    private record Row(LinkPlace place, String slug, Function<Stores, String> read) {
        String url(String prefix) {
            return prefix + "/" + slug + "/file.png";
        }
    }

    /** What a target holds, to read one place's value from. */
    private record Stores(StoreSnapshot snapshot) {
        String document(String collection, String id, String path) {
            Object value = snapshot.collection("backend." + collection).stream()
                    .filter(document -> id.equals(document.get("_id"))).findFirst().orElseThrow();
            for (String step : path.split("\\.")) {
                value = value instanceof List<?> list ? list.get(Integer.parseInt(step)) : ((Document) value).get(step);
            }
            return String.valueOf(value);
        }

        JsonNode event(String type, String metric) {
            return snapshot.events().entrySet().stream()
                    .filter(index -> index.getKey().equals("events-" + type + "-" + COMPANY))
                    .flatMap(index -> index.getValue().values().stream())
                    .filter(event -> event.path("metric").asText().equals(metric)).findFirst().orElseThrow();
        }
    }

    private static final List<Row> ROWS = List.of(
            new Row(LinkPlace.MODEL_URI, "model-uri", s -> s.document("model", MODEL, "uri")),
            new Row(LinkPlace.TASK_ARTIFACT_URI, "artifact-uri",
                    s -> s.document("task", TASK, "execution.artifacts.a1b2_output.uri")),
            new Row(LinkPlace.TASK_ARTIFACT_PREVIEW, "artifact-preview",
                    s -> s.document("task", TASK, "execution.artifacts.a1b2_output.type_data.preview")),
            new Row(LinkPlace.TASK_OUTPUT_DESTINATION, "output-destination",
                    s -> s.document("task", TASK, "output.destination")),
            new Row(LinkPlace.TASK_REPORT, "report", s -> s.document("task", TASK, "report")),
            new Row(LinkPlace.TASK_REPORT_ASSETS, "report-asset", s -> s.document("task", TASK, "report_assets.1")),
            new Row(LinkPlace.PROJECT_DESCRIPTION, "description", s -> s.document("project", PROJECT, "description")),
            new Row(LinkPlace.PROJECT_DEFAULT_OUTPUT_DESTINATION, "default-output",
                    s -> s.document("project", PROJECT, "default_output_destination")),
            new Row(LinkPlace.PROJECT_LOGO_URL, "logo", s -> s.document("project", PROJECT, "logo_url")),
            new Row(LinkPlace.DEBUG_IMAGE_URL, "debug-image",
                    s -> s.event("training_debug_image", "img").path("url").asText()),
            new Row(LinkPlace.PLOT_STR, "plot-str", s -> s.event("plot", "small").path("plot_str").asText()),
            new Row(LinkPlace.PLOT_DATA, "plot-data", s -> PlotData.inflate(s.event("plot", "large").path("plot_data").asText())),
            new Row(LinkPlace.PLOT_SOURCE_URLS, "source-url",
                    s -> s.event("plot", "small").path("source_urls").path(0).asText()));

    @TempDir
    Path dir;

    @Test
    void everyPlaceOfTheTableHasARow() {
        assertThat(ROWS.stream().map(Row::place)).containsExactlyInAnyOrder(LinkPlace.values());
    }

    @Test
    void theScannerFindsTheUrlOfEveryPlace() {
        LinkScanner scanner = new LinkScanner(EnumSet.allOf(LinkPlace.class));
        List<String> found = new ArrayList<>();
        found.addAll(scanner.collectUrls(LinkPlace.Holder.PROJECT, Document.parse(project())));
        found.addAll(scanner.collectUrls(LinkPlace.Holder.TASK, Document.parse(task())));
        found.addAll(scanner.collectUrls(LinkPlace.Holder.MODEL, Document.parse(model())));
        for (String event : events()) {
            found.addAll(scanner.collectUrls((ObjectNode) readTree(event)));
        }

        assertThat(found).filteredOn(url -> url.startsWith(OLD))
                .containsExactlyInAnyOrderElementsOf(ROWS.stream().map(row -> row.url(OLD)).toList());
        assertThat(found).contains("s3://bucket/elsewhere.png");
    }

    @SearchEngineTest
    void importRewritesEveryDefaultPlaceAndUndoPutsItBack(@TargetServer Sandbox target, SearchEngine engine) {
        Path archive = archive();
        Path journal = dir.resolve("import.undo.jsonl.gz");
        StoreSnapshot empty = freshTarget(target, engine);

        CliRun imported = cli(target, engine, "import", archive.toString(), "--company", COMPANY, "--url-map",
                OLD + "=" + NEW, "--undo-log", journal.toString());

        assertThat(imported.exitCode()).as(imported.output()).isZero();
        assertEachPlace(new Stores(snapshot(target, engine)), true);
        CliRun undo = cli(target, engine, "undo", journal.toString());
        assertThat(undo.exitCode()).as(undo.output()).isZero();
        assertThat(snapshot(target, engine).differences(empty)).isEmpty();
    }

    @SearchEngineTest
    void relinkRewritesEveryDefaultPlaceAndUndoPutsItBack(@TargetServer Sandbox target, SearchEngine engine) {
        Path archive = archive();
        Path journal = dir.resolve("relink.undo.jsonl.gz");
        freshTarget(target, engine);
        CliRun imported = cli(target, engine, "import", archive.toString(), "--company", COMPANY, "--undo-log",
                dir.resolve("import.undo.jsonl.gz").toString());
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        StoreSnapshot before = snapshot(target, engine);
        assertEachPlace(new Stores(before), false);

        CliRun relinked = cli(target, engine, "relink", "--host-source", OLD, "--host-target", NEW, "--undo-log",
                journal.toString());

        assertThat(relinked.exitCode()).as(relinked.output()).isZero();
        assertEachPlace(new Stores(snapshot(target, engine)), true);
        CliRun undo = cli(target, engine, "undo", journal.toString());
        assertThat(undo.exitCode()).as(undo.output()).isZero();
        assertThat(snapshot(target, engine).differences(before)).isEmpty();
    }

    /** Each default place holds its own URL rewritten when {@code rewritten}, else as archived; the preview never changes. */
    private static void assertEachPlace(Stores stores, boolean rewritten) {
        for (Row row : ROWS) {
            boolean changed = rewritten && row.place().rewrittenByDefault();
            assertThat(row.read().apply(stores)).as(row.place().reportName())
                    .contains(row.url(changed ? NEW : OLD)).doesNotContain(row.url(changed ? OLD : NEW));
        }
    }

    private static StoreSnapshot freshTarget(Sandbox target, SearchEngine engine) {
        FreshServer.initialize(target.mongoUri(), COMPANY, "links");
        StoredEvents.deleteAll(engine.uri(), COMPANY);
        return snapshot(target, engine);
    }

    private static StoreSnapshot snapshot(Sandbox target, SearchEngine engine) {
        return StoreSnapshot.of(target.mongoUri(), engine.uri(), target.fileserverDir()).ignoringEmpty();
    }

    private static CliRun cli(Sandbox target, SearchEngine engine, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--mongo-host", target.mongoUri(), "--elastic-host", engine.uri().toString(), "--no-progress"));
        return CliRun.run(all.toArray(String[]::new));
    }

    private Path archive() {
        TestArchive archive = new TestArchive().raw("metadata.json", "{\"created_by\":\"test\"}")
                .projects(project()).tasks(task()).models(model()).events(TASK, events().toArray(String[]::new));
        return archive.writeTo(dir, "links.zip");
    }

    private static String project() {
        return "{\"_id\": \"" + PROJECT + "\", \"company\": \"\", \"user\": \"u-dana\", \"name\": \"Links\","
                + " \"basename\": \"Links\", \"created\": {\"$date\": 1700000000000}, \"tags\": [], \"system_tags\": [],"
                + " \"featured\": 9999, \"path\": [],"
                + " \"description\": \"Overview: ![chart](" + url("description") + ") and more\","
                + " \"default_output_destination\": \"" + url("default-output") + "\","
                + " \"logo_url\": \"" + url("logo") + "\"}";
    }

    private static String task() {
        return "{\"_id\": \"" + TASK + "\", \"company\": \"\", \"user\": \"u-eli\", \"name\": \"train\","
                + " \"type\": \"training\", \"status\": \"completed\", \"comment\": \"\","
                + " \"created\": {\"$date\": 1700000000000}, \"project\": \"" + PROJECT + "\","
                + " \"report\": \"# Results\\n![loss](" + url("report") + ")\\n\","
                + " \"report_assets\": [\"s3://bucket/elsewhere.png\", \"" + url("report-asset") + "\"],"
                + " \"output\": {\"destination\": \"" + url("output-destination") + "\"},"
                + " \"execution\": {\"parameters\": {}, \"artifacts\": {\"a1b2_output\": {\"key\": \"table\","
                + " \"mode\": \"output\", \"uri\": \"" + url("artifact-uri") + "\", \"type_data\": {\"preview\":"
                + " \"first row: " + url("artifact-preview") + "\"}}}}, \"tags\": [], \"system_tags\": [],"
                + " \"last_update\": {\"$date\": 1700000000500}, \"last_iteration\": 1, \"last_metrics\": {},"
                + " \"hyperparams\": {}, \"configuration\": {}, \"runtime\": {},"
                + " \"models\": {\"input\": [], \"output\": []}, \"container\": {}}";
    }

    private static String model() {
        return "{\"_id\": \"" + MODEL + "\", \"company\": \"\", \"user\": \"u-eli\", \"name\": \"weights\","
                + " \"project\": \"" + PROJECT + "\", \"created\": {\"$date\": 1700000000000}, \"task\": \"" + TASK
                + "\", \"tags\": [], \"system_tags\": [], \"uri\": \"" + url("model-uri") + "\", \"ready\": true}";
    }

    /** A debug image; a small plot with its {@code source_urls}; a plot too large to store uncompressed (§2.5). */
    private static List<String> events() {
        String small = "{\"layout\": {\"images\": [{\"source\": \"" + url("plot-str") + "\"}]}}";
        String large = "{\"layout\": {\"images\": [{\"source\": \"" + url("plot-data") + "\"}]}, \"padding\": \""
                + "x".repeat(120_000) + "\"}";
        return List.of(
                event("training_debug_image", "img", "\"key\": \"img/v\", \"url\": \"" + url("debug-image") + "\""),
                event("plot", "small", "\"plot_str\": " + quoted(small) + ", \"source_urls\": [\""
                        + url("source-url") + "\"]"),
                event("plot", "large", "\"plot_data\": " + quoted(PlotData.deflate(large))));
    }

    private static String event(String type, String metric, String fields) {
        return "{\"task\": \"" + TASK + "\", \"type\": \"" + type + "\", \"timestamp\": 1700000000200, \"iter\": 1,"
                + " \"metric\": \"" + metric + "\", \"variant\": \"v\", \"model_event\": false,"
                + " \"@timestamp\": \"2023-11-14T22:13:20.200Z\", \"worker\": \"\", " + fields + "}";
    }

    private static String url(String slug) {
        return OLD + "/" + slug + "/file.png";
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
