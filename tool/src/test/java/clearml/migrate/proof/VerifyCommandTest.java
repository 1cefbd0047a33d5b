package clearml.migrate.proof;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.failures.ExitCode;
import clearml.migrate.testing.CliRun;
import clearml.migrate.undo.JournalReader;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clearml-migrate verify} through the command line, after a real {@code clearml-migrate import} of the
 * genuine archives into the target sandbox: equal right after the import, and each kind of planted difference
 * named and exit 1.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class VerifyCommandTest {

    private static final String COMPANY = "c0mpany0000000000000000000000007";

    /** The target is a ClearML server that has started once: import refuses a MongoDB without its database. */
    @BeforeEach
    void serverStartedOnce(@TargetServer Sandbox target) {
        FreshServer.initialize(target.mongoUri(), COMPANY, "target");
    }
    private static final String TARGET_FILES = "http://files.target.local:8081";

    private final Sandbox target;
    private final Path files;
    private final Path archive = Fixtures.archive(Fixtures.RICH);

    VerifyCommandTest(@TargetServer Sandbox target, @TempDir Path files) {
        this.target = target;
        this.files = files;
    }

    @Test
    void aFreshImportIsEqualToItsArchive() {
        importRich();

        CliRun run = verify(archive, "--company", COMPANY, "--artifacts-to", files.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.out()).contains("Equal");
    }

    @Test
    void jsonNamesWhatWasCompared() {
        importRich();
        JsonNode expected = PythonCount.of(archive, files.getParent());

        CliRun run = verify(archive, "--company", COMPANY, "--artifacts-to", files.toString(), "--json");

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode report = run.json();
        assertThat(report.get("entities").get("task").asLong()).isEqualTo(expected.get("tasks").asLong());
        assertThat(report.get("entities").get("model").asLong()).isEqualTo(expected.get("models").asLong());
        assertThat(report.get("eventsByType")).isEqualTo(expected.get("events_by_type"));
        assertThat(report.get("files").asLong()).isEqualTo(expected.get("artifacts").get("files").asLong());
        assertThat(report.get("differences")).isEmpty();
    }

    @Test
    void aMissingTaskIsNamed() {
        importRich();
        String task = someTask();
        mongo(m -> tasks(m).deleteOne(Filters.eq("_id", task)));

        CliRun run = verify(archive, "--company", COMPANY);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.out()).contains("task " + task + " missing from the target").contains("1 differences");
    }

    @Test
    void aChangedFieldIsNamedWithBothValues() {
        importRich();
        String task = someTask();
        mongo(m -> tasks(m).updateOne(Filters.eq("_id", task), Updates.set("name", "renamed by hand")));
        String archived = archivedTaskName(task);

        CliRun run = verify(archive, "--company", COMPANY);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.out()).contains("task " + task + " field name: archive \"" + archived
                + "\" ≠ target \"renamed by hand\"");
    }

    @Test
    void aMissingEventIsNamedWithItsTaskAndType() throws Exception {
        importRich();
        JsonNode hit = searchOne("events-training_stats_scalar-" + COMPANY);
        String task = hit.get("_source").get("task").asText();
        long before = count("events-training_stats_scalar-" + COMPANY, task);
        http("DELETE", "/" + hit.get("_index").asText() + "/_doc/" + hit.get("_id").asText() + "?refresh=true",
                null);

        CliRun run = verify(archive, "--company", COMPANY);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.out()).contains("events " + task + " training_stats_scalar: archive " + before + " ≠ target "
                + (before - 1));
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        importRich();
        Path file;
        try (Stream<Path> all = Files.walk(files)) {
            file = all.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Files.delete(file);
        String relative = files.relativize(file).toString().replace('\\', '/');

        CliRun run = verify(archive, "--company", COMPANY, "--artifacts-to", files.toString());

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.out()).contains("file " + relative + " missing from " + files);
    }

    @Test
    void enterpriseLayoutPlacesFilesUnderTheCompanyAndVerifiesThere() throws IOException {
        CliRun imported = CliRun.run(withConnection("import", archive.toString(), "--company", COMPANY, "--artifacts-to",
                files.toString(), "--artifacts-layout", "enterprise"));
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        List<String> top;
        try (Stream<Path> entries = Files.list(files)) {
            top = entries.map(p -> p.getFileName().toString()).toList();
        }
        assertThat(top).containsExactly(COMPANY);

        CliRun enterprise = verify(archive, "--company", COMPANY, "--artifacts-to", files.toString(),
                "--artifacts-layout", "enterprise");
        CliRun flat = verify(archive, "--company", COMPANY, "--artifacts-to", files.toString());

        assertThat(enterprise.exitCode()).as(enterprise.output()).isZero();
        assertThat(flat.exitCode()).as("flat layout looks in the wrong place").isEqualTo(1);
    }

    @Test
    void publicImportWithNewIdsAndUrlMapIsEqualOnlyWithTheSameFlags() {
        Path small = Fixtures.archive(Fixtures.SMALL);
        CliRun imported = CliRun.run(withConnection("import", small.toString(), "--new-ids", "--url-map",
                "http://localhost:8081=" + TARGET_FILES));
        assertThat(imported.exitCode()).as(imported.output()).isZero();

        CliRun same = verify(small, "--new-ids", "--url-map", "http://localhost:8081=" + TARGET_FILES);
        CliRun withoutNewIds = verify(small, "--url-map", "http://localhost:8081=" + TARGET_FILES);
        CliRun withoutUrlMap = verify(small, "--new-ids");

        assertThat(same.exitCode()).as(same.output()).isZero();
        assertThat(withoutNewIds.exitCode()).isEqualTo(1);
        assertThat(withoutNewIds.out()).contains("missing from the target");
        assertThat(withoutUrlMap.exitCode()).isEqualTo(1);
        assertThat(withoutUrlMap.out()).contains("archive \"http://localhost:8081/", "target \"" + TARGET_FILES);
    }

    @Test
    void eventsOfATaskTheArchiveDoesNotHoldAreSkippedWithANote(@TempDir Path dir) {
        Path orphaned = clearml.migrate.importing.SmallArchive.builder()
                .events("e0000000000000000000000000000099", "{\"type\":\"log\",\"msg\":\"lost\"}")
                .writeTo(dir, "orphaned.zip");
        CliRun imported = CliRun.run(withConnection("import", orphaned.toString(), "--company", COMPANY));
        assertThat(imported.exitCode()).as(imported.output()).isZero();

        CliRun run = verify(orphaned, "--company", COMPANY);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.err()).contains("note: 1 events entries belong to tasks the archive does not hold");
    }

    @Test
    void aMissingModelEventIsNamedWithItsModel(@TempDir Path dir) {
        String model = clearml.migrate.importing.SmallArchive.MODEL;
        Path withModelEvents = clearml.migrate.importing.SmallArchive.builder()
                .events(model, "{\"task\":\"" + model + "\",\"type\":\"training_stats_scalar\",\"iter\":3,"
                        + "\"metric\":\"acc\",\"variant\":\"val\",\"value\":0.9,\"model_event\":true}")
                .writeTo(dir, "model-events.zip");
        CliRun imported = CliRun.run(withConnection("import", withModelEvents.toString(), "--company", COMPANY));
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        assertThat(verify(withModelEvents, "--company", COMPANY).exitCode()).isZero();
        http("POST", "/events-training_stats_scalar-" + COMPANY + "/_delete_by_query?refresh=true",
                "{\"query\":{\"term\":{\"task\":\"" + model + "\"}}}");

        CliRun run = verify(withModelEvents, "--company", COMPANY);

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.out()).contains("events " + model + " training_stats_scalar: archive 1 ≠ target 0");
    }

    @Test
    void readsTheImportsFlagsFromItsJournalBesideTheArchiveAndAFlagGivenWins(@TempDir Path dir) throws IOException {
        Path small = Files.copy(Fixtures.archive(Fixtures.SMALL), dir.resolve("small.zip"));
        CliRun imported = CliRun.exactly(withConnection("import", small.toString(), "--company", COMPANY,
                "--new-ids", "--url-map", "http://localhost:8081=" + TARGET_FILES));
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        assertThat(dir.resolve("small.zip.undo.jsonl.gz")).exists();

        CliRun fromJournal = verify(small);
        CliRun otherMap = verify(small, "--url-map", "http://localhost:8081=http://elsewhere:8081");

        assertThat(fromJournal.exitCode()).as(fromJournal.output()).isZero();
        assertThat(otherMap.exitCode()).as(otherMap.output()).isEqualTo(1);
        assertThat(otherMap.out()).contains("target \"" + TARGET_FILES);
    }

    @Test
    void readsTheJournalGivenWhichKeepsAPasswordInTheUrlMapOut(@TempDir Path dir) {
        Path small = Fixtures.archive(Fixtures.SMALL);
        Path journal = dir.resolve("import.undo.jsonl.gz");
        String withPassword = "http://localhost:8081=http://uploader:s3cret-pw@files.target.local:8081";
        CliRun imported = CliRun.run(withConnection("import", small.toString(), "--company", COMPANY,
                "--url-map", withPassword, "--undo-log", journal.toString()));
        assertThat(imported.exitCode()).as(imported.output()).isZero();

        Map<String, String> header;
        try (JournalReader reader = JournalReader.open(journal)) {
            header = reader.header().settings();
        }
        CliRun refused = verify(small, "--journal", journal.toString());
        CliRun given = verify(small, "--journal", journal.toString(), "--url-map", withPassword);

        assertThat(header).containsEntry("company", COMPANY)
                .containsEntry("url-map", "http://localhost:8081=http://***@files.target.local:8081");
        assertThat(header.toString()).doesNotContain("s3cret-pw");
        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(refused.err().strip()).doesNotContain("\n", "s3cret-pw").contains("give --url-map again");
        assertThat(given.exitCode()).as(given.output()).isZero();
    }

    @Test
    void refusesARelinkJournalInOneLine(@TempDir Path dir) {
        Path journal = dir.resolve("relink.undo.jsonl.gz");
        CliRun relinked = CliRun.run(withConnection("relink", "--host-source", "http://nowhere:8081",
                "--host-target", TARGET_FILES, "--undo-log", journal.toString()));
        assertThat(relinked.exitCode()).as(relinked.output()).isZero();

        CliRun refused = verify(archive, "--journal", journal.toString());

        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(refused.err()).contains("is the journal of a relink, not of an import");
    }

    private void importRich() {
        CliRun run = CliRun.run(withConnection("import", archive.toString(), "--company", COMPANY, "--artifacts-to",
                files.toString()));
        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    private CliRun verify(Path zip, String... flags) {
        List<String> args = new ArrayList<>(List.of("verify", zip.toString()));
        args.addAll(List.of(flags));
        return CliRun.run(withConnection(args.toArray(String[]::new)));
    }

    private String[] withConnection(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--mongo-host", target.mongoUri(), "--elastic-host", target.elasticUri().toString(),
                "--no-progress"));
        return all.toArray(String[]::new);
    }

    private String someTask() {
        List<String> ids = new ArrayList<>();
        mongo(m -> tasks(m).find(Filters.eq("company", COMPANY)).forEach(t -> ids.add(t.getString("_id"))));
        assertThat(ids).isNotEmpty();
        return ids.stream().sorted().findFirst().orElseThrow();
    }

    private String archivedTaskName(String id) {
        List<String> found = new ArrayList<>();
        try (var zip = org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(archive).get();
                var in = zip.getInputStream(zip.getEntry("database.model.task.task.Task.json"))) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip().replaceAll("^\\[+", "").replaceAll("[,\\]]+$", "").strip();
                if (!trimmed.isEmpty()) {
                    JsonNode task = new ObjectMapper().readTree(trimmed);
                    if (task.get("_id").asText().equals(id)) {
                        found.add(task.get("name").asText());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static MongoCollection<Document> tasks(MongoClient mongo) {
        return mongo.getDatabase("backend").getCollection("task");
    }

    private void mongo(Consumer<MongoClient> action) {
        try (MongoClient mongo = MongoClients.create(target.mongoUri())) {
            action.accept(mongo);
        }
    }

    private JsonNode searchOne(String index) {
        return http("POST", "/" + index + "/_search?size=1", "{\"query\":{\"match_all\":{}}}").get("hits")
                .get("hits").get(0);
    }

    private long count(String index, String task) {
        return http("POST", "/" + index + "/_count", "{\"query\":{\"term\":{\"task\":\"" + task + "\"}}}")
                .get("count").asLong();
    }

    private JsonNode http(String method, String path, String body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(target.elasticUri().toString() + path))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isLessThan(300);
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
