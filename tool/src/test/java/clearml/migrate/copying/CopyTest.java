package clearml.migrate.copying;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.testing.CliRun;
import clearml.migrate.testing.PlotData;
import clearml.migrate.testing.StoreSnapshot;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import clearml.migrate.failures.ExitCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code copy} through the command line between the sandbox's seeded source and its target (real MongoDB-wire and
 * OpenSearch servers): what it writes is what export + import write, it verifies Equal, a rerun converges, undo
 * takes it back, and a copy between two companies of one server works.
 */
@ExtendWith(SandboxExtension.class)
class CopyTest {

    private static final List<String> EXPORTABLE = List.of("created", "stopped", "publishing", "published", "closed",
            "failed", "completed", "unknown");

    /** What a copy and an import write; the rest is the fresh target's own (versions, server id, markers). */
    private static final String OTHER = "c0ffee00000000000000000000000001";
    private static final Set<String> ENTITIES = Set.of("backend.project", "backend.task", "backend.model",
            "backend.user", "auth.user");

    @TempDir
    Path dir;

    @Test
    void aCopyWritesWhatExportAndImportWriteAndVerifiesEqual(Sandbox source, @TargetServer Sandbox target)
            throws Exception {
        String company = seeded(source, target);
        Path archive = export(source, company);
        ok(CliRun.run("import", archive.toString(), "--company", FreshServer.TARGET_COMPANY, "--mongo-host",
                target.mongoUri(), "--elastic-host", target.elasticUri().toString(), "--no-progress"));
        StoreSnapshot imported = snapshot(target);
        fresh(target);

        CliRun copied = copy(source, target, company, "--events-via", "stream");

        ok(copied);
        assertThat(copied.out()).contains("Equal: the target holds what the source holds.");
        StoreSnapshot copiedSnapshot = snapshot(target);
        assertThat(copiedSnapshot.onlyCollections(ENTITIES).differences(imported.onlyCollections(ENTITIES))
                .stream().filter(line -> !line.startsWith("event")).toList()).as(copied.output()).isEmpty();
        assertThat(eventsByContent(copiedSnapshot)).isEqualTo(eventsByContent(imported));
    }

    @Test
    void aCopyBetweenTwoCompaniesOfOneServerMakesNewIdsAndVerifiesEqual(Sandbox server) {
        server.reset();
        String company = new Seeder().seed(server.mongoUri(), server.elasticUri(), server.fileserverDir(),
                server.fileserverUrl(), SeedSize.small()).companies().get(0);
        try (MongoClient mongo = MongoClients.create(server.mongoUri())) {
            mongo.getDatabase("backend").getCollection("company").insertOne(new Document("_id", OTHER)
                    .append("name", "other"));
        }
        StoreSnapshot before = snapshot(server);

        CliRun keptIds = copyInto(server, server, company, OTHER);
        assertThat(keptIds.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(keptIds.oneErrorLine()).contains("source and target are one server, which holds each id once");
        assertThat(snapshot(server)).isEqualTo(before);

        CliRun copied = copyInto(server, server, company, OTHER, "--new-ids");

        ok(copied);
        assertThat(copied.out()).contains("events travelled: streamed from the source into the import")
                .contains("Equal: the target holds what the source holds.");
        StoreSnapshot after = snapshot(server);
        assertThat(tasksOf(after, OTHER)).hasSize(exportedTasks(copied)).isNotEmpty();
        assertThat(tasksOf(after, company)).isEqualTo(tasksOf(before, company));
        assertThat(eventsOf(after, company)).isEqualTo(eventsOf(before, company));
        assertThat(eventsOf(after, OTHER)).as("compared per task and type by the verify").isNotEmpty();
    }

    /** The tasks a copy wrote, from its summary's line {@code tasks  N  0  0  0  0}. */
    private static int exportedTasks(CliRun copied) {
        return copied.out().lines().filter(line -> line.startsWith("tasks ")).findFirst()
                .map(line -> Integer.parseInt(line.split("\\s+")[1])).orElseThrow();
    }

    @Test
    void aCopyRunAgainChangesNothingAndUndoTakesBothRunsBack(Sandbox source, @TargetServer Sandbox target) {
        String company = seeded(source, target);
        StoreSnapshot fresh = snapshot(target);
        Path first = dir.resolve("first.undo.jsonl.gz");
        Path second = dir.resolve("second.undo.jsonl.gz");
        ok(copyInto(source, target, company, FreshServer.TARGET_COMPANY, "--journal", first.toString()));
        StoreSnapshot copied = snapshot(target);

        long writesBefore = eventWrites(target);

        CliRun again = copyInto(source, target, company, FreshServer.TARGET_COMPANY, "--journal", second.toString());

        ok(again);
        assertThat(again.out()).contains("unchanged").contains("Equal: the target holds what the source holds.");
        assertThat(eventWrites(target)).as("the events in place were not moved again").isEqualTo(writesBefore);
        StoreSnapshot rerun = snapshot(target);
        assertThat(rerun.onlyCollections(ENTITIES)).isEqualTo(copied.onlyCollections(ENTITIES));
        assertThat(rerun.events()).isEqualTo(copied.events());

        ok(undo(target, second));
        assertThat(snapshot(target).onlyCollections(ENTITIES)).isEqualTo(copied.onlyCollections(ENTITIES));
        assertThat(snapshot(target).events()).isEqualTo(copied.events());
        ok(undo(target, first));
        assertThat(snapshot(target).ignoringEmpty().differences(fresh.ignoringEmpty())).isEmpty();
    }

    /** Every event the target's engine has indexed or deleted so far: its own per-index counters. */
    static long eventWrites(Sandbox target) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    target.elasticUri().resolve("/events-*/_stats/indexing")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode indexing = new ObjectMapper().readTree(response.body()).path("_all").path("primaries")
                    .path("indexing");
            return indexing.path("index_total").asLong() + indexing.path("delete_total").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CliRun undo(Sandbox target, Path journal) {
        return CliRun.run("undo", journal.toString(), "--mongo-host", target.mongoUri(), "--elastic-host",
                target.elasticUri().toString(), "--no-progress");
    }

    private static List<Document> tasksOf(StoreSnapshot snapshot, String company) {
        return snapshot.collection("backend.task").stream().filter(task -> company.equals(task.get("company")))
                .map(task -> {
                    Document comparable = new Document(task);
                    comparable.remove("company");
                    return comparable;
                }).sorted(java.util.Comparator.comparing(task -> String.valueOf(task.get("_id")))).toList();
    }

    /** The events of one company's indices, by type and id, without {@code company_id}. */
    private static Map<String, JsonNode> eventsOf(StoreSnapshot snapshot, String company) {
        Map<String, JsonNode> events = new TreeMap<>();
        snapshot.events().forEach((index, byId) -> {
            if (index.endsWith("-" + company)) {
                byId.forEach((id, event) -> events.put(index.replace(company, "") + "/" + id,
                        ((ObjectNode) event.deepCopy()).without("company_id")));
            }
        });
        return events;
    }

    private CliRun copy(Sandbox source, Sandbox target, String company, String... flags) {
        List<String> args = new ArrayList<>(List.of("--journal", dir.resolve("copy-" + System.nanoTime()
                + ".undo.jsonl.gz").toString()));
        args.addAll(List.of(flags));
        return copyInto(source, target, company, FreshServer.TARGET_COMPANY, args.toArray(String[]::new));
    }

    private CliRun copyInto(Sandbox source, Sandbox target, String company, String targetCompany, String... flags) {
        List<String> args = new ArrayList<>(List.of("copy", "--all", "--company", company, "--include-archived",
                "--target-company", targetCompany,
                "--from-mongo-host", source.mongoUri(), "--from-elastic-host", source.elasticUri().toString(),
                "--to-mongo-host", target.mongoUri(), "--to-elastic-host", target.elasticUri().toString(),
                "--no-progress"));
        args.addAll(List.of(flags));
        args.add("--statuses");
        args.addAll(EXPORTABLE);
        return CliRun.run(args.toArray(String[]::new));
    }

    private Path export(Sandbox source, String company) throws Exception {
        Path out = Files.createDirectories(dir.resolve("export"));
        List<String> args = new ArrayList<>(List.of("export", "--all", "--company", company, "--include-archived",
                "--output", out.resolve("all.zip").toString(), "--mongo-host", source.mongoUri(),
                "--elastic-host", source.elasticUri().toString(), "--no-progress", "--statuses"));
        args.addAll(EXPORTABLE);
        ok(CliRun.run(args.toArray(String[]::new)));
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.toString().endsWith(".zip") && !p.toString().endsWith(".artifacts.zip"))
                    .findFirst().orElseThrow();
        }
    }

    private static String seeded(Sandbox source, Sandbox target) {
        source.reset();
        fresh(target);
        return new Seeder().seed(source.mongoUri(), source.elasticUri(), source.fileserverDir(),
                source.fileserverUrl(), SeedSize.small()).companies().get(0);
    }

    private static void fresh(Sandbox target) {
        target.reset();
        FreshServer.initialize(target.mongoUri(), FreshServer.TARGET_COMPANY, "target");
    }

    private static StoreSnapshot snapshot(Sandbox sandbox) {
        return StoreSnapshot.of(sandbox.mongoUri(), sandbox.elasticUri(), sandbox.fileserverDir());
    }

    /**
     * Every event by index and content, counted: log events get positional ids on import and keep the source's
     * random ones when moved engine to engine (data model §2.4); a plot is compared by the JSON it holds, which the
     * import compresses afresh and the mover keeps in the source's bytes (§2.5); every other field as stored.
     */
    private static Map<String, Long> eventsByContent(StoreSnapshot snapshot) {
        Map<String, Long> events = new TreeMap<>();
        snapshot.events().forEach((index, byId) -> byId.values().forEach(event -> {
            ObjectNode content = event.deepCopy();
            if (content.has("plot_data")) {
                content.put("plot_str", PlotData.inflate(content.remove("plot_data").asText()));
            }
            events.merge(index + " " + content, 1L, Long::sum);
        }));
        return events;
    }

    private static void ok(CliRun run) {
        assertThat(run.exitCode()).as(run.output()).isZero();
    }
}
