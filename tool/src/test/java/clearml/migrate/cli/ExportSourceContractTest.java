package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.archive.EntityKind;
import clearml.migrate.testing.CliRun;
import clearml.sandbox.Sandbox;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.api.Credentials;
import clearml.sandbox.fileserver.FileServerStandIn;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.seed.SeedReport;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source-port contract: the same {@code export} over both adapters of one seeded server, directly from its
 * MongoDB and OpenSearch, and through the sandbox's ClearML API stand-in (not ClearML's apiserver) serving those very
 * stores, must write the same archive entry by entry: the same entries in the same order, entity files with the same
 * documents in the same order (fields compared as JSON objects: the API answers hidden fields apart, so their place in
 * a document differs), events entries with the same lines (in the source's order, which differs: index order
 * directly, by type and iteration through the API), {@code metadata.json} alike but for what the summary lists as not
 * returned by the API, and the same {@code .artifacts} companion. One difference is expected and named: pre-1.0
 * list-shaped artifacts arrive keyed.
 */
@ExtendWith(SandboxExtension.class)
class ExportSourceContractTest {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private static final String BIG_TASK = "b16000000000000000000000000000a1";

    private static Sandbox sandbox;
    private static SeedReport seed;
    private static ApiStandIn api;
    private static FileServerStandIn files;
    private static String main;

    @TempDir
    Path direct;
    @TempDir
    Path throughApi;
    @TempDir
    Path home;

    @BeforeAll
    static void seed(Sandbox shared, ApiStandIn standIn, FileServerStandIn fileServer) throws Exception {
        sandbox = shared;
        sandbox.reset();
        seed = new Seeder().seed(sandbox.mongoUri(), sandbox.elasticUri(), sandbox.fileserverDir(),
                sandbox.fileserverUrl(), SeedSize.small());
        api = standIn;
        api.reset();
        files = fileServer;
        main = seed.companies().get(0);
        writeBigTask();
    }

    /**
     * A published root task with more scalars than one page of either adapter holds (3 000 iterations of 4 variants)
     * and more logs than one page, all at iteration 0: a scroll ending at iteration 0 starts over on ClearML 2.0.
     */
    private static void writeBigTask() throws IOException, InterruptedException {
        try (MongoClient client = MongoClients.create(sandbox.mongoUri())) {
            client.getDatabase("backend").getCollection("task").insertOne(new Document("_id", BIG_TASK)
                    .append("company", main).append("user", "").append("name", "big task").append("type", "training")
                    .append("status", "published").append("created", new java.util.Date(1_700_000_000_000L))
                    .append("system_tags", List.of()).append("tags", List.of()));
        }
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < 12_000; i++) {
            bulk.append("{\"index\":{\"_index\":\"events-training_stats_scalar-").append(main).append("\"}}\n")
                    .append("{\"task\":\"").append(BIG_TASK).append("\",\"type\":\"training_stats_scalar\",\"iter\":")
                    .append(i / 4).append(",\"metric\":\"loss\",\"variant\":\"v").append(i % 4).append("\",\"value\":")
                    .append(1.0 / (i + 1)).append(",\"timestamp\":").append(1_700_000_000_000L + i)
                    .append(",\"model_event\":false,\"worker\":\"w\",\"@timestamp\":\"2024-06-10T00:00:00.000Z\"}\n");
        }
        for (int i = 0; i < 2_500; i++) {
            bulk.append("{\"index\":{\"_index\":\"events-log-").append(main).append("\"}}\n")
                    .append("{\"task\":\"").append(BIG_TASK).append("\",\"type\":\"log\",\"iter\":0,\"level\":\"info\",")
                    .append("\"msg\":\"line ").append(i).append("\",\"timestamp\":").append(1_700_000_000_000L + i)
                    .append(",\"model_event\":false,\"worker\":\"w\",\"metric\":\"\",\"variant\":\"\"}\n");
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(sandbox.elasticUri().resolve("/_bulk?refresh=true"))
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(bulk.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.body()).contains("\"errors\":false");
    }

    @Test
    void aCompanysProjectsWithEventsUsersAndFilesAreTheSameArchiveThroughEitherAdapter() throws IOException {
        String[] selection = {"--all", "--company", main, "--statuses", "published", "stopped", "completed",
                "failed", "--include-archived", "--users"};

        Archive expected = Archive.read(exportDirect(selection, "--artifacts-from",
                sandbox.fileserverDir().toString()));
        CliRun run = exportThroughApi(throughApi, Map.of("CLEARML_FILES_HOST", files.url()), selection);

        assertThat(run.exitCode()).as(run.output()).isZero();
        Archive actual = Archive.read(single(throughApi));
        assertSameArchive(actual, expected);
        assertThat(actual.entries.get(EntityKind.TASK.entryName())).hasSizeGreaterThanOrEqualTo(10);
        assertThat(actual.eventLines()).as("events came through the API").isGreaterThan(100);
        assertThat(companion(throughApi)).isEqualTo(companion(direct)).isNotEmpty();
        assertThat(run.out()).contains("Not returned by the API: users.json auth role, email and dates")
                .contains("Not returned by the API: metadata.json source versions");
    }

    @Test
    void aPublicTaskWithItsOriginsEventsAndAPreOneTaskAreTheSameArchiveThroughEitherAdapter() throws IOException {
        String[] selection = {"--experiments", seed.publicTaskId(), seed.legacyTaskId()};

        Archive expected = Archive.read(exportDirect(selection));
        CliRun run = exportThroughApi(throughApi, Map.of(), selection);

        assertThat(run.exitCode()).as(run.output()).isZero();
        Archive actual = Archive.read(single(throughApi));
        assertThat(actual.eventsOf(seed.publicTaskId())).isNotEmpty();
        assertSameArchive(actual, expected);
        assertThat(documentOf(actual, seed.legacyTaskId()).path("execution").path("artifacts").isObject()).isTrue();
    }

    @Test
    void aTaskWithMoreEventsThanOnePageHoldsIsTheSameArchiveThroughEitherAdapter() throws IOException {
        String[] selection = {"--experiments", BIG_TASK};

        Archive expected = Archive.read(exportDirect(selection));
        CliRun run = exportThroughApi(throughApi, Map.of(), selection);

        assertThat(run.exitCode()).as(run.output()).isZero();
        Archive actual = Archive.read(single(throughApi));
        assertThat(actual.eventsOf(BIG_TASK)).hasSize(14_500);
        assertSameArchive(actual, expected);
    }

    @Test
    void aProjectWithoutEventsIsTheSameArchiveThroughEitherAdapter() throws IOException {
        String[] selection = {"--projects", "Computer Vision 0", "--company", main, "--no-events"};

        Archive expected = Archive.read(exportDirect(selection));
        CliRun run = exportThroughApi(throughApi, Map.of(), selection);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertSameArchive(Archive.read(single(throughApi)), expected);
    }

    @Test
    void aDeltaThroughTheApiIsRefusedInOneLineAndNothingIsWritten() throws IOException {
        String[] selection = {"--projects", "Computer Vision 0", "--company", main, "--no-events"};
        Path base = exportDirect(selection);

        CliRun run = exportThroughApi(throughApi, Map.of(), "--projects", "Computer Vision 0", "--company", main,
                "--no-events", "--since", base.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("--since works on a server's stores only");
        assertThat(listing(throughApi)).isEmpty();
    }

    @Test
    void anotherCompanyThanTheKeysIsRefusedInOneLineAndNothingIsWritten() throws IOException {
        CliRun run = exportThroughApi(throughApi, Map.of(), "--all", "--company", seed.companies().get(1));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("--company " + seed.companies().get(1)).contains("not the company of the API key");
        assertThat(listing(throughApi)).isEmpty();
    }

    @Test
    void apiAndStoreFlagsTogetherAreRefusedInOneLine() throws IOException {
        CliRun run = exportThroughApi(throughApi, Map.of(), "--all", "--mongo-host", sandbox.mongoUri());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("--mongo-host").contains("not both");
        assertThat(listing(throughApi)).isEmpty();
    }

    /**
     * The one known difference in content: a task stored with pre-1.0 list artifacts is answered as a list like any
     * other, so it comes back keyed, as ClearML's importer would upgrade it (data model §5.4); the direct archive is
     * compared in that form.
     */
    private static void assertSameArchive(Archive actual, Archive directly) {
        Archive expected = directly.withListArtifactsKeyed();
        assertThat(actual.entries.keySet()).as("entries").containsExactlyInAnyOrderElementsOf(
                expected.entries.keySet());
        // Models' events entries follow the tasks' in the order their workers opened them, in either mode (§3.3)
        assertThat(actual.orderedNames()).as("entries and their order")
                .containsExactlyElementsOf(expected.orderedNames());
        expected.entries.forEach((name, lines) -> {
            List<String> got = actual.entries.get(name);
            if (name.equals(EntityKind.METADATA_ENTRY)) {
                assertThat(metadata(got)).as(name).isEqualTo(metadata(lines));
            } else if (name.equals(EntityKind.USERS_ENTRY)) {
                assertSameUsers(got, lines);
            } else if (EntityKind.taskIdOfEventsEntry(name).isPresent()) {
                assertThat(sorted(got)).as(name).isEqualTo(sorted(lines));
            } else {
                assertThat(trees(got)).as(name).containsExactlyElementsOf(trees(lines));
            }
        });
    }

    /** Backend users alike; of the auth users the API returns the id and name only (listed as not returned). */
    private static void assertSameUsers(List<String> actual, List<String> expected) {
        JsonNode got = tree(String.join("\n", actual));
        JsonNode want = tree(String.join("\n", expected));
        assertThat(got.get("backend")).isEqualTo(want.get("backend"));
        assertThat(idsAndNames(got.get("auth"))).isEqualTo(idsAndNames(want.get("auth")));
    }

    private static List<String> idsAndNames(JsonNode users) {
        List<String> pairs = new ArrayList<>();
        users.forEach(user -> pairs.add(user.path("_id").asText() + " " + user.path("name").asText()));
        return pairs;
    }

    /**
     * metadata.json but for the store versions (not returned), the entries' hashes and the archive id hashed over
     * them (the bytes differ), and the event tallies of the source state, which no API call gives (architecture.md,
     * "The source port").
     */
    private static JsonNode metadata(List<String> lines) {
        ObjectNode metadata = (ObjectNode) tree(String.join("\n", lines));
        metadata.fields().forEachRemaining(field -> {
            if (field.getValue() instanceof ObjectNode ours && ours.has("entries")) {
                ours.remove("source");
                ours.remove("archive_id");
                ((ObjectNode) ours.path("state")).remove("events");
                ours.get("entries").forEach(entry -> ((ObjectNode) entry).remove("crc32"));
            }
        });
        return metadata;
    }

    private static JsonNode documentOf(Archive archive, String id) {
        return trees(archive.entries.get(EntityKind.TASK.entryName())).stream()
                .filter(task -> task.path("_id").asText().equals(id)).findFirst().orElseThrow();
    }

    /** The archive a direct export of {@code selection} writes. */
    private Path exportDirect(String[] selection, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("export", "--mongo-host", sandbox.mongoUri(), "--elastic-host",
                sandbox.elasticUri().toString(), "--no-progress", "--output", direct.resolve("export.zip").toString()));
        args.addAll(List.of(selection));
        args.addAll(List.of(more));
        CliRun run = CliRun.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.output()).isZero();
        return single(direct);
    }

    private CliRun exportThroughApi(Path out, Map<String, String> variables, String... selection) {
        Credentials admin = api.adminCredentials(main);
        Map<String, String> environment = new LinkedHashMap<>(variables);
        environment.putAll(Map.of("HOME", home.toString(), "CLEARML_API_ACCESS_KEY", admin.accessKey(),
                "CLEARML_API_SECRET_KEY", admin.secretKey()));
        List<String> args = new ArrayList<>(List.of("export", "--api-host", api.url(), "--no-progress", "--output",
                out.resolve("export.zip").toString()));
        args.addAll(List.of(selection));
        return CliRun.run(Environment.of(environment), args.toArray(String[]::new));
    }

    private static Path single(Path dir) throws IOException {
        List<Path> zips = listing(dir).stream().filter(path -> path.toString().endsWith(".zip")).toList();
        assertThat(zips).hasSize(1);
        return zips.get(0);
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.sorted().toList();
        }
    }

    /** The companion's entries and their bytes' sizes and contents, by name. */
    private static Map<String, String> companion(Path dir) throws IOException {
        List<Path> found = listing(dir).stream().filter(path -> path.toString().endsWith(".artifacts")).toList();
        assertThat(found).hasSize(1);
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(found.get(0).toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                entries.put(entry.getName(), new String(zip.getInputStream(entry).readAllBytes(),
                        StandardCharsets.ISO_8859_1));
            }
        }
        return entries;
    }

    private static List<String> sorted(List<String> lines) {
        List<String> copy = new ArrayList<>(lines);
        Collections.sort(copy);
        return copy;
    }

    private static List<JsonNode> trees(List<String> lines) {
        return lines.stream().map(ExportSourceContractTest::tree).toList();
    }

    private static JsonNode tree(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** An archive as its entries' item lines (the JSON-lines framing of data model §3.4 taken off), in order. */
    private record Archive(Map<String, List<String>> entries) {

        static Archive read(Path zip) throws IOException {
            Map<String, List<String>> entries = new LinkedHashMap<>();
            try (ZipFile file = new ZipFile(zip.toFile())) {
                for (ZipEntry entry : Collections.list(file.entries())) {
                    String text = new String(file.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                    entries.put(entry.getName(), entry.getName().endsWith(".json") && !isWhole(entry.getName())
                            ? items(text) : List.of(text));
                }
            }
            return new Archive(entries);
        }

        private static boolean isWhole(String name) {
            return name.equals(EntityKind.METADATA_ENTRY) || name.equals(EntityKind.USERS_ENTRY);
        }

        /** ClearML's reader: each line stripped of {@code [}, {@code ,} and {@code ]}; empty ones skipped. */
        private static List<String> items(String text) {
            return text.lines().map(String::strip).map(line -> line.replaceAll("^\\[+", "")
                    .replaceAll("[,\\]]+$", "").strip()).filter(line -> !line.isEmpty()).toList();
        }

        /** The entry names but the models' events entries, whose order is not decided by ClearML's rules. */
        List<String> orderedNames() {
            List<String> models = trees(entries.getOrDefault(EntityKind.MODEL.entryName(), List.of())).stream()
                    .map(model -> EntityKind.eventsEntryName(model.path("_id").asText())).toList();
            return entries.keySet().stream().filter(name -> !models.contains(name)).toList();
        }

        long eventLines() {
            return entries.entrySet().stream().filter(e -> EntityKind.taskIdOfEventsEntry(e.getKey()).isPresent())
                    .mapToLong(e -> e.getValue().size()).sum();
        }

        List<String> eventsOf(String id) {
            return entries.getOrDefault(EntityKind.eventsEntryName(id), List.of());
        }

        /** This archive with list-shaped {@code execution.artifacts} written keyed, as the API adapter reads them. */
        Archive withListArtifactsKeyed() {
            Map<String, List<String>> copy = new LinkedHashMap<>(entries);
            String tasks = EntityKind.TASK.entryName();
            copy.put(tasks, trees(entries.get(tasks)).stream().map(Archive::keyedArtifacts).toList());
            return new Archive(copy);
        }

        private static String keyedArtifacts(JsonNode task) {
            JsonNode artifacts = task.path("execution").path("artifacts");
            if (artifacts.isArray()) {
                ObjectNode keyed = JSON.createObjectNode();
                artifacts.forEach(artifact -> keyed.set(clearml.migrate.mongo.HashedKeys.artifact(
                        JSON.convertValue(artifact, Map.class)), artifact));
                ((ObjectNode) task.get("execution")).set("artifacts", keyed);
            }
            return task.toString();
        }
    }
}
