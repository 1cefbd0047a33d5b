package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.importing.ArchiveLines;
import clearml.migrate.importing.StoredEvents;
import clearml.migrate.importing.StoredEvents.Stored;
import clearml.migrate.testing.CliRun;
import clearml.migrate.testing.PlotData;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.SearchEngine;
import clearml.sandbox.junit.SearchEngineTest;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The genuine archives written by ClearML 2.0.0 import, and every stored document and event is, field by field,
 * what ClearML's importer stores (data model §5.5, §5.6): the archived line with the target company and owner;
 * events with ClearML's ids, {@code company_id}, and plots measured and compressed at 100 000 characters. The
 * expectation is built from the archive with the BSON library's and Jackson's own parsers and the rules of the data
 * model, never from the tool's code. Two deliberate differences from ClearML are asserted too: the task's
 * {@code last_update} and statistics are the archived ones (a genuine 2.0 archive's statistics agree with its
 * events, so they stay byte for byte, where ClearML's importer would double the counts), and the archived
 * {@code @timestamp} is kept.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class ImportFixturesTest {

    private static final String COMPANY = "F1x7ureC0mpany00000000000000000a";

    /** The target is a ClearML server that has started once: import refuses a MongoDB without its database. */
    @BeforeEach
    void serverStartedOnce(@TargetServer Sandbox target) {
        FreshServer.initialize(target.mongoUri(), COMPANY, "target");
    }
    private static final String OWNER = "fixture-owner";
    private static final Pattern PLOT_SOURCE =
            Pattern.compile("['\"]source['\"]:\\s?['\"]([a-z][a-z0-9+\\-.]*://.*?)['\"]", Pattern.CASE_INSENSITIVE);

    @SearchEngineTest
    void smallGenuineArchiveIsStoredAsClearmlStoresIt(@TargetServer Sandbox target, SearchEngine engine) {
        importAndCompare(fixture("clearml-server-2.0.0"), target, engine);
    }

    @SearchEngineTest
    void richGenuineArchiveIsStoredAsClearmlStoresIt(@TargetServer Sandbox target, SearchEngine engine) {
        importAndCompare(fixture("clearml-server-2.0.0-rich"), target, engine);
    }

    private void importAndCompare(Path archive, Sandbox target, SearchEngine engine) {
        StoredEvents.deleteAll(engine.uri(), COMPANY);
        CliRun run = CliRun.run("import", archive.toString(), "--company", COMPANY, "--user", OWNER,
                "--mongo-host", target.mongoUri(), "--elastic-host", engine.uri().toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.output()).isZero();
        try (MongoClient mongo = MongoClients.create(target.mongoUri())) {
            compareEntities(archive, mongo, "database.model.project.Project.json", "project");
            compareEntities(archive, mongo, "database.model.model.Model.json", "model");
            compareEntities(archive, mongo, "database.model.task.task.Task.json", "task");
            assertThat(mongo.getDatabase("backend").getCollection("user").find(Filters.eq("_id", OWNER)).first())
                    .as("the owner's backend user, created as ClearML does: preferences default to \"\" (§1.8)")
                    .isEqualTo(new Document("_id", OWNER).append("name", OWNER).append("company", COMPANY)
                            .append("preferences", ""));
        }
        compareEvents(archive, engine);
    }

    private static void compareEntities(Path archive, MongoClient mongo, String entry, String collection) {
        List<Document> archived = ArchiveLines.documents(archive, entry);
        assertThat(archived).as(entry).isNotEmpty();
        var stored = mongo.getDatabase("backend").getCollection(collection);
        assertThat(stored.countDocuments()).as(collection + " count").isEqualTo(archived.size());
        for (Document line : archived) {
            Document expected = new Document(line);
            expected.put("company", COMPANY);
            expected.put("user", OWNER);
            if (collection.equals("task")) {
                widenLongFields(expected);
            }
            Document actual = stored.find(Filters.eq("_id", line.get("_id"))).first();
            assertThat(actual).as(collection + " " + line.get("_id")).isNotNull();
            assertThat(actual.keySet()).as(collection + " " + line.get("_id") + " fields")
                    .containsExactlyElementsOf(expected.keySet());
            for (String field : expected.keySet()) {
                assertThat(actual.get(field)).as(collection + " " + line.get("_id") + " ." + field)
                        .isEqualTo(expected.get(field));
            }
        }
    }

    /**
     * mongoengine stores {@code LongField}s as 64-bit whatever the JSON number's size (data model §1.4: artifact
     * {@code content_size} and {@code timestamp}, {@code metric_stats…last_update}).
     */
    private static void widenLongFields(Document task) {
        Document execution = task.get("execution", Document.class);
        if (execution != null && execution.get("artifacts") instanceof Document artifacts) {
            artifacts.values().forEach(a -> widen((Document) a, "content_size", "timestamp"));
        }
        if (task.get("metric_stats") instanceof Document stats) {
            stats.values().forEach(m -> ((Document) m).get("event_stats_by_type", Document.class).values()
                    .forEach(t -> widen((Document) t, "last_update")));
        }
    }

    private static void widen(Document document, String... fields) {
        for (String field : fields) {
            if (document.get(field) instanceof Integer value) {
                document.put(field, value.longValue());
            }
        }
    }

    private static void compareEvents(Path archive, SearchEngine engine) {
        Map<String, Stored> stored = StoredEvents.of(engine.uri(), COMPANY);
        List<ObjectNode> archived = new ArrayList<>();
        for (String entry : ArchiveLines.entries(archive)) {
            if (entry.endsWith("_events.json")) {
                archived.addAll(ArchiveLines.events(archive, entry));
            }
        }
        assertThat(archived).isNotEmpty();
        assertThat(stored).as("stored events").hasSize(archived.size());
        long logs = 0;
        for (ObjectNode event : archived) {
            String type = event.get("type").asText();
            if (type.equals("log")) {
                logs++;
                continue;
            }
            String id = clearmlId(event);
            Stored actual = stored.get(id);
            assertThat(actual).as("event " + id + " " + event).isNotNull();
            assertThat(actual.index()).isEqualTo("events-" + type + "-" + COMPANY.toLowerCase());
            assertThat(actual.source()).as("event " + id).isEqualTo(expectedSource(event, actual.source()));
        }
        List<Stored> storedLogs = stored.values().stream().filter(s -> s.source().get("type").asText().equals("log"))
                .toList();
        assertThat(storedLogs).hasSize((int) logs);
        storedLogs.forEach(s -> assertThat(s.id()).matches("[0-9a-f]{32}"));
    }

    /** The archived event as ClearML's add_events stores it, plus our kept {@code @timestamp}. */
    private static ObjectNode expectedSource(ObjectNode archived, ObjectNode actual) {
        ObjectNode expected = archived.deepCopy();
        expected.put("company_id", COMPANY);
        if (archived.get("type").asText().equals("plot")) {
            String plot = archived.get("plot_str").asText();
            expected.put("plot_len", plot.codePointCount(0, plot.length()));
            List<String> urls = new ArrayList<>();
            Matcher matcher = PLOT_SOURCE.matcher(plot);
            while (matcher.find()) {
                urls.add(matcher.group(1));
            }
            if (!urls.isEmpty()) {
                expected.putArray("source_urls").addAll(urls.stream().map(expected::textNode).toList());
            }
            if (plot.codePointCount(0, plot.length()) >= 100_000) {
                expected.remove("plot_str");
                JsonNode data = actual.get("plot_data");
                assertThat(data).as("compressed plot_data").isNotNull();
                assertThat(PlotData.inflate(data.asText())).isEqualTo(plot);
                expected.set("plot_data", data);
            }
        }
        return expected;
    }

    /** ClearML's id (§2.4): md5 of {@code task-iter-metric-variant[-key]} with Python's str(). */
    private static String clearmlId(ObjectNode event) {
        List<String> parts = new ArrayList<>();
        for (String field : List.of("task", "iter", "metric", "variant", "key")) {
            if (event.has(field)) {
                parts.add(event.get(field).asText());
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(String.join("-", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }


    static Path fixture(String name) {
        Path dir = Path.of(System.getProperty("clearml.fixtures", "../../shared/fixtures")).resolve(name);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
