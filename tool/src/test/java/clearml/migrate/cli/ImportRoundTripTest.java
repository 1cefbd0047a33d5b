package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.importing.StoredEvents;
import clearml.migrate.importing.StoredEvents.Stored;
import clearml.migrate.importing.TargetState;
import clearml.migrate.testing.CliRun;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import clearml.sandbox.seed.SeedReport;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export from the seeded source sandbox, import into the target, per company: every exported entity and event
 * arrives exactly as it is in the source, except {@code company} (and {@code company_id} on events), and except the
 * pre-1.0 task and model, which arrive upgraded as data model §5.4 says. The seeded statistics agree with the seeded
 * events, as a server's do, so they arrive unchanged too.
 */
@ExtendWith(SandboxExtension.class)
class ImportRoundTripTest {

    private static final List<String> EXPORTABLE = List.of("created", "stopped", "publishing", "published", "closed",
            "failed", "completed", "unknown");

    @ParameterizedTest(name = "entries compressed with {0}")
    @ValueSource(strings = {"deflate", "bzip2"})
    void everyExportedEntityAndEventArrivesUnchangedExceptCompany(String compression, Sandbox source,
            @TargetServer Sandbox target, @TempDir Path dir) throws Exception {
        source.reset();
        target.reset();
        FreshServer.initialize(target.mongoUri(), FreshServer.TARGET_COMPANY, "target");
        SeedReport seed = new Seeder().seed(source.mongoUri(), source.elasticUri(), source.fileserverDir(),
                source.fileserverUrl(), SeedSize.small());
        long compared = 0;
        for (String company : seed.companies()) {
            StoredEvents.deleteAll(target.elasticUri(), company);
            Path archive = export(source, company, dir.resolve(company), compression);
            assertThat(zipMethods(archive)).containsOnly(compression.equals("bzip2") ? ZipMethod.BZIP2.getCode()
                    : ZipMethod.DEFLATED.getCode());
            CliRun run = CliRun.run("import", archive.toString(), "--company", company, "--users",
                    "--mongo-host", target.mongoUri(), "--elastic-host", target.elasticUri().toString(), "--no-progress");
            assertThat(run.exitCode()).as(run.output()).isZero();
            compared += compareEntities(source, target, company, seed);
            compareEvents(source, target, company);
        }
        assertThat(compared).as("entities compared").isGreaterThan(20);
    }

    private static Set<Integer> zipMethods(Path archive) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            return Collections.list(zip.getEntries()).stream().map(ZipArchiveEntry::getMethod).collect(Collectors.toSet());
        }
    }

    private static Path export(Sandbox source, String company, Path out, String compression) throws Exception {
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(List.of("export", "--all", "--company", company, "--include-archived",
                "--compression", compression,
                "--users", "--with-credentials", "--output", out.resolve("export.zip").toString(),
                "--mongo-host", source.mongoUri(), "--elastic-host", source.elasticUri().toString(), "--no-progress",
                "--statuses"));
        args.addAll(EXPORTABLE);
        CliRun run = CliRun.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.output()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
        }
    }

    private static long compareEntities(Sandbox source, Sandbox target, String company, SeedReport seed) {
        TargetState imported = TargetState.of(target.mongoUri(), target.elasticUri(), company);
        long compared = 0;
        try (MongoClient mongo = MongoClients.create(source.mongoUri())) {
            for (String collection : List.of("project", "task", "model")) {
                List<Document> stored = imported.documents("backend." + collection).stream()
                        .filter(d -> company.equals(d.get("company"))).toList();
                assertThat(stored).as(collection + " imported into " + company).isNotEmpty();
                for (Document storedDocument : stored) {
                    Document actual = widths(storedDocument);
                    Document original = mongo.getDatabase("backend").getCollection(collection)
                            .find(Filters.eq("_id", actual.get("_id"))).first();
                    assertThat(original).as(collection + " " + actual.get("_id") + " exists in the source").isNotNull();
                    Document expected = widths(expected(collection, original, company, seed));
                    String what = collection + " " + actual.get("_id");
                    assertThat(actual.keySet()).as(what + " fields").containsExactlyInAnyOrderElementsOf(expected.keySet());
                    expected.forEach((field, value) -> assertThat(actual.get(field)).as(what + " ." + field)
                            .isEqualTo(value));
                    compared++;
                }
            }
            for (Document user : imported.documents("auth.user")) {
                assertThat(user).isEqualTo(mongo.getDatabase("auth").getCollection("user")
                        .find(Filters.eq("_id", user.get("_id"))).first());
            }
        }
        return compared;
    }

    /**
     * Integers as 64-bit everywhere: archives carry no integer width (data model §3.5), ClearML's schema decides it
     * on import, and the seeder writes some fields (e.g. {@code last_metrics…count}, an IntField) as 64-bit.
     */
    private static Document widths(Document document) {
        Document copy = new Document();
        document.forEach((key, value) -> copy.put(key, width(value)));
        return copy;
    }

    private static Object width(Object value) {
        if (value instanceof Integer number) {
            return number.longValue();
        }
        if (value instanceof Document document) {
            return widths(document);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ImportRoundTripTest::width).toList();
        }
        return value;
    }

    private static Document expected(String collection, Document original, String company, SeedReport seed) {
        Document expected = new Document(original);
        expected.put("company", company);
        if (collection.equals("task") && original.get("_id").equals(seed.legacyTaskId())) {
            upgradeLegacyTask(expected);
        }
        if (collection.equals("model") && original.get("metadata") instanceof List<?> items) {
            Document metadata = new Document();
            items.forEach(item -> metadata.put(((Document) item).getString("key"), item));
            expected.put("metadata", metadata);
        }
        return expected;
    }

    /**
     * Data model §5.4, written out for the seeded pre-1.0 task; its missing {@code runtime} and its artifact's
     * {@code display_data} get the {@code {}} and {@code []} ClearML's save fills (mongoengine defaults, §3.5).
     */
    private static void upgradeLegacyTask(Document task) {
        Document execution = new Document(task.get("execution", Document.class));
        Document hyperparams = new Document();
        execution.get("parameters", Document.class).forEach((name, value) -> hyperparams.put(name,
                new Document("section", "Args").append("name", name).append("value", value).append("type", "legacy")));
        task.put("hyperparams", new Document("Args", hyperparams));
        Document configuration = new Document();
        execution.get("model_desc", Document.class).forEach((name, value) -> configuration.put(name,
                new Document("name", name).append("value", value).append("type", "legacy")));
        task.put("configuration", configuration);
        execution.put("parameters", new Document());
        execution.put("model_desc", new Document());
        Document artifacts = new Document();
        for (Document artifact : execution.getList("artifacts", Document.class)) {
            artifacts.put(md5(artifact.getString("key")) + "_" + artifact.getString("mode"),
                    new Document(artifact).append("display_data", List.of()));
        }
        execution.put("artifacts", artifacts);
        Object inputModel = execution.remove("model");
        String[] docker = ((String) execution.remove("docker_cmd")).split(" ", 2);
        task.put("execution", execution);
        Document output = new Document(task.get("output", Document.class));
        Object outputModel = output.remove("model");
        task.put("output", output);
        List<Document> inputs = inputModel == null ? List.of() : List.of(new Document("model", inputModel)
                .append("name", "Input Model").append("updated", task.get("last_update")));
        task.put("models", new Document("input", inputs).append("output", List.of(new Document("model", outputModel)
                .append("name", "Output Model").append("updated", task.get("last_update")))));
        task.put("container", new Document("image", docker[0]).append("arguments", docker[1]));
        task.put("runtime", new Document());
    }

    private static void compareEvents(Sandbox source, Sandbox target, String company) {
        Map<String, Stored> imported = StoredEvents.of(target.elasticUri(), company);
        Map<String, List<String>> expected = new HashMap<>();
        Map<String, List<String>> actual = new HashMap<>();
        for (Stored event : StoredEvents.of(source.elasticUri(), company).values()) {
            String task = event.source().path("task").asText();
            if (imported.values().stream().anyMatch(e -> e.source().path("task").asText().equals(task))) {
                expected.computeIfAbsent(task, t -> new ArrayList<>()).add(comparable(event));
            }
        }
        imported.values().forEach(e -> actual.computeIfAbsent(e.source().path("task").asText(), t -> new ArrayList<>())
                .add(comparable(e)));
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        actual.forEach((task, events) -> assertThat(events).as("events of " + task)
                .containsExactlyInAnyOrderElementsOf(expected.get(task)));
    }

    /** Index type, id (log ids are ours), and source without {@code company_id}. */
    private static String comparable(Stored event) {
        ObjectNode source = event.source().deepCopy();
        source.remove("company_id");
        String type = event.index().substring(0, event.index().lastIndexOf('-'));
        String id = source.path("type").asText().equals("log") ? "log" : event.id();
        return type + " " + id + " " + new java.util.TreeMap<>(asMap(source));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(ObjectNode node) {
        return new com.fasterxml.jackson.databind.ObjectMapper().convertValue(node, Map.class);
    }

    private static String md5(String text) throws IllegalStateException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
