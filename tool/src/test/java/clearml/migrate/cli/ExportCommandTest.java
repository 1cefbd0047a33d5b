package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import clearml.migrate.archive.ArchiveNaming;
import clearml.migrate.archive.ArtifactsZip;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.testing.CliRun;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.seed.SeedReport;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clearml-migrate export} end to end: the real command line against a seeded sandbox (OpenSearch), each
 * archive read back with ClearML's importer rules. Expected contents are asked of MongoDB directly.
 */
@ExtendWith(SandboxExtension.class)
class ExportCommandTest {

    private static Sandbox sandbox;
    private static SeedReport seed;
    private static MongoClient client;
    private static MongoDatabase backend;
    private static String main;
    private static String acme;
    private static String vision;

    @TempDir
    Path out;

    @BeforeAll
    static void seed(Sandbox shared) {
        sandbox = shared;
        sandbox.reset();
        seed = new Seeder().seed(sandbox.mongoUri(), sandbox.elasticUri(), sandbox.fileserverDir(),
                sandbox.fileserverUrl(), SeedSize.small());
        client = MongoClients.create(sandbox.mongoUri());
        backend = client.getDatabase("backend");
        main = seed.companies().get(0);
        acme = seed.companies().get(1);
        vision = seed.rootProjects().get(main).get(0);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void exportsAProjectByNameWithItsWholeSubTreePublishedTasksModelsAndEvents() {
        CliRun run = export("--projects", "Computer Vision 0", "--company", main);

        assertThat(run.exitCode()).as(run.output()).isZero();
        ClearmlImportRules.Archive archive = ClearmlImportRules.accept(single(out));
        Set<String> subtree = subtree(vision);
        assertThat(archive.ids(EntityKind.PROJECT)).isEqualTo(subtree);
        assertThat(names(archive)).contains("Computer Vision 0/.datasets/cats and dogs",
                "Computer Vision 0/.pipelines/nightly training", "Computer Vision 0/.reports");
        assertThat(archive.ids(EntityKind.TASK)).isEqualTo(ids(backend.getCollection("task").find(Filters.and(
                Filters.in("project", subtree), Filters.eq("status", "published"),
                Filters.ne("system_tags", "archived")))));
        assertThat(archive.ids(EntityKind.TASK)).contains(seed.reportTaskId(), seed.legacyTaskId());
        assertThat(archive.ids(EntityKind.MODEL)).as("standalone models of the project come along")
                .contains(seed.standaloneModelId())
                .containsAll(ids(backend.getCollection("model").find(Filters.in("project", subtree))));
        assertThat(archive.eventEntryIds()).containsAll(archive.ids(EntityKind.TASK));
        assertThat(run.out()).contains("Skipped").contains("archived");
    }

    @Test
    void writesEveryEventOfEachTaskWithPlotsDecompressed() {
        CliRun run = export("--experiments", seed.publicTaskId(), seed.legacyTaskId());

        assertThat(run.exitCode()).as(run.output()).isZero();
        ClearmlImportRules.Archive archive = ClearmlImportRules.accept(single(out));
        List<ObjectNode> events = archive.events(seed.publicTaskId());
        assertThat(events).as("a public task's events are read from its origin company's indices")
                .hasSize(storedEvents(main, seed.publicTaskId()));
        assertThat(events).extracting(event -> event.path("type").asText()).contains("log",
                "training_stats_scalar", "training_debug_image", "plot");
        assertThat(events).filteredOn(event -> event.path("type").asText().equals("plot"))
                .allSatisfy(plot -> assertThat(plot.has("plot_data")).isFalse())
                .anySatisfy(plot -> assertThat(plot.path("plot_str").asText().length()).isGreaterThan(100_000));
        assertThat(archive.events(seed.legacyTaskId())).hasSize(storedEvents(main, seed.legacyTaskId()));
    }

    @Test
    void writesModelEventsUnderTheModelIdWhereClearmlsImporterDoesNotLook() {
        CliRun run = export("--projects", vision);

        assertThat(run.exitCode()).as(run.output()).isZero();
        ClearmlImportRules.Archive archive = ClearmlImportRules.accept(single(out));
        List<ObjectNode> modelEvents = archive.events(seed.standaloneModelId());
        assertThat(modelEvents).isNotEmpty().hasSize(storedEvents(main, seed.standaloneModelId()))
                .allSatisfy(event -> assertThat(event.path("model_event").asBoolean()).isTrue());
        assertThat(archive.ids(EntityKind.TASK)).doesNotContain(seed.standaloneModelId());
    }

    @Test
    void keepsCommentsStatusMessagesAndDestinationsButEmptiesCompanyAndUser() {
        String name = backend.getCollection("task").find(Filters.eq("_id", seed.legacyTaskId())).first()
                .getString("name");

        CliRun run = export("--experiments", name);

        assertThat(run.exitCode()).as(run.output()).isZero();
        Document exported = ClearmlImportRules.accept(single(out)).entities(EntityKind.TASK).get(0);
        Document stored = backend.getCollection("task").find(Filters.eq("_id", seed.legacyTaskId())).first();
        assertThat(exported.getString("company")).isEmpty();
        assertThat(exported.getString("user")).isEmpty();
        assertThat(exported.get("comment")).isEqualTo(stored.get("comment"));
        assertThat(exported.get("output")).isEqualTo(stored.get("output"));
        assertThat(exported.get("status_message")).isEqualTo(stored.get("status_message"));
        assertThat(exported.get("last_changed_by")).isEqualTo(stored.get("last_changed_by"));
    }

    @Test
    void allTakesEveryCompanyAndTheTasksWithoutProject() {
        CliRun run = export("--all", "--statuses", "stopped", "published");

        assertThat(run.exitCode()).as(run.output()).isZero();
        ClearmlImportRules.Archive archive = ClearmlImportRules.accept(single(out));
        Set<String> rootTasks = ids(backend.getCollection("task").find(Filters.and(Filters.exists("project", false),
                Filters.in("status", List.of("stopped", "published")))));
        assertThat(rootTasks).hasSizeGreaterThanOrEqualTo(3).contains(seed.publicTaskId());
        assertThat(archive.ids(EntityKind.TASK)).containsAll(rootTasks);
        assertThat(archive.ids(EntityKind.PROJECT)).containsAll(seed.rootProjects().get(acme))
                .containsAll(seed.rootProjects().get(main));
    }

    @Test
    void companyNarrowsAll() {
        CliRun run = export("--all", "--company", acme);

        assertThat(run.exitCode()).as(run.output()).isZero();
        List<Document> projects = ClearmlImportRules.accept(single(out)).entities(EntityKind.PROJECT);
        assertThat(projects).extracting(project -> project.getString("_id"))
                .containsExactlyInAnyOrderElementsOf(ids(backend.getCollection("project").find(Filters.eq("company", acme))));
    }

    @Test
    void experimentsAreUnitedWithProjectsAndTheirProjectsTrimmed() {
        Document child = backend.getCollection("project").find(Filters.eq("parent", vision)).first();
        Document task = backend.getCollection("task").find(Filters.and(Filters.eq("project", child.getString("_id")),
                Filters.ne("status", "published"), Filters.nin("status", List.of("queued", "in_progress")))).first();

        CliRun run = export("--experiments", task.getString("_id"), "--projects", seed.rootProjects().get(acme).get(0));

        assertThat(run.exitCode()).as(run.output()).isZero();
        ClearmlImportRules.Archive archive = ClearmlImportRules.accept(single(out));
        assertThat(archive.ids(EntityKind.TASK)).contains(task.getString("_id"));
        Document trimmed = archive.entities(EntityKind.PROJECT).stream()
                .filter(project -> project.getString("_id").equals(child.getString("_id"))).findFirst().orElseThrow();
        assertThat(trimmed.getString("name")).isEqualTo(child.getString("basename"));
        assertThat(trimmed.getList("path", String.class)).isEmpty();
        assertThat(trimmed.containsKey("parent")).isFalse();
        assertThat(backend.getCollection("project").find(Filters.eq("_id", child.getString("_id"))).first()
                .getString("parent")).as("the source is untouched").isEqualTo(vision);
    }

    @Test
    void includeArchivedBringsArchivedTasks() {
        Bson archived = Filters.and(Filters.eq("system_tags", "archived"), Filters.in("status", List.of("stopped",
                "published", "publishing", "closed", "failed", "completed", "created", "unknown")));
        Document task = backend.getCollection("task").find(archived).first();
        String status = task.getString("status");

        CliRun without = export("--all", "--statuses", status);
        Set<String> withoutIds = ClearmlImportRules.accept(single(out)).ids(EntityKind.TASK);
        clear(out);
        CliRun with = export("--all", "--statuses", status, "--include-archived");

        assertThat(without.exitCode()).isZero();
        assertThat(with.exitCode()).isZero();
        assertThat(withoutIds).doesNotContain(task.getString("_id"));
        assertThat(ClearmlImportRules.accept(single(out)).ids(EntityKind.TASK)).contains(task.getString("_id"));
    }

    @Test
    void noEventsLeavesEveryEventOut() {
        CliRun run = export("--projects", vision, "--no-events", "--elastic-host", "http://127.0.0.1:1");

        assertThat(run.exitCode()).as(run.output()).isZero();
        ClearmlImportRules.Archive archive = ClearmlImportRules.accept(single(out));
        assertThat(archive.eventEntryIds()).isEmpty();
        assertThat(archive.ids(EntityKind.TASK)).isNotEmpty();
    }

    @Test
    void usersAreWrittenWithoutCredentialsAndOwnersKept() {
        CliRun run = export("--experiments", seed.legacyTaskId(), "--users");

        assertThat(run.exitCode()).as(run.output()).isZero();
        ClearmlImportRules.Archive archive = ClearmlImportRules.accept(single(out));
        JsonNode users = archive.users();
        assertThat(users.path("auth")).isNotEmpty().allSatisfy(user -> {
            assertThat(user.path("credentials")).isEmpty();
            assertThat(user.path("company").asText()).isEmpty();
        });
        assertThat(users.path("backend")).allSatisfy(user -> assertThat(user.has("preferences")).isFalse());
        assertThat(archive.entities(EntityKind.TASK).get(0).getString("user")).isNotEmpty();
        assertThat(run.out()).doesNotContain("Warning");
    }

    @Test
    void withCredentialsKeepsThemAndWarns() {
        CliRun run = export("--experiments", seed.legacyTaskId(), "--users", "--with-credentials");

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode users = ClearmlImportRules.accept(single(out)).users();
        assertThat(users.path("auth")).allSatisfy(user -> assertThat(user.path("credentials").get(0).has("secret")).isTrue());
        assertThat(run.out()).contains("Warning").contains("clear text");
    }

    @Test
    void splitProjectsWritesOneArchivePerRootProject() throws IOException {
        CliRun run = export("--all", "--company", main, "--split-projects", "--statuses", "published", "stopped");

        assertThat(run.exitCode()).as(run.output()).isZero();
        List<String> zips = zips(out).stream().map(path -> path.getFileName().toString()).toList();
        for (String root : seed.rootProjects().get(main)) {
            assertThat(zips).anyMatch(name -> name.startsWith("export_" + root + "_"));
        }
        assertThat(zips).anyMatch(name -> name.startsWith("export_root_"));
        for (Path zip : zips(out)) {
            ClearmlImportRules.accept(zip);
        }
    }

    @Test
    void urlMapRewritesEveryPlaceAndCountsThem() {
        String from = sandbox.fileserverUrl();
        CliRun run = export("--projects", vision, "--url-map", from + "=https://files.new.example", "--json");

        assertThat(run.exitCode()).as(run.output()).isZero();
        ClearmlImportRules.Archive archive = ClearmlImportRules.accept(single(out));
        String all = String.join("\n", archive.lines().values().stream().flatMap(List::stream).toList());
        assertThat(all).doesNotContain(from + "/").contains("https://files.new.example/");
        assertThat(run.out()).contains("\"model.uri\"", "\"event.training_debug_image.url\"", "\"event.plot.plot_str\"",
                "\"project.description\"");
    }

    @Test
    void pythonsZipfileAndJsonReadEveryExportedLine() throws Exception {
        assumeTrue(python(), "python3 is not on the PATH: skipping the check with Python's zipfile and json");
        assertThat(export("--all", "--users").exitCode()).isZero();
        Path zip = single(out);
        Path script = out.resolve("clearml_reads.py");
        try (InputStream in = getClass().getResourceAsStream("/clearml/migrate/archive/clearml_reads.py")) {
            Files.copy(in, script);
        }

        Process process = new ProcessBuilder("python3", script.toString(), zip.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(output).isZero();
        ClearmlImportRules.Archive archive = ClearmlImportRules.accept(zip);
        assertThat(output.lines().filter(line -> !line.startsWith("md5 ") && !line.startsWith(EntityKind.USERS_ENTRY)
                        && !line.startsWith(EntityKind.METADATA_ENTRY)))
                .containsExactlyElementsOf(archive.lines().entrySet().stream()
                        .map(entry -> entry.getKey() + " " + entry.getValue().size()).toList());
    }

    private static boolean python() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void artifactsFromCopiesEveryReferencedFileServerFileNextToTheArchive() throws IOException {
        String prefix = sandbox.fileserverUrl() + "/";
        List<String> modelFiles = backend.getCollection("model").find(Filters.in("project", subtree(vision)))
                .map(model -> model.getString("uri")).into(new ArrayList<>()).stream()
                .filter(uri -> uri.startsWith(prefix))
                .map(uri -> java.net.URLDecoder.decode(uri.substring(prefix.length()), StandardCharsets.UTF_8))
                .toList();

        CliRun run = export("--projects", vision, "--artifacts-from", sandbox.fileserverDir().toString(),
                "--url-map", sandbox.fileserverUrl() + "=https://files.new.example");

        assertThat(run.exitCode()).as(run.output()).isZero();
        Path zip = single(out);
        Path companion = ArchiveNaming.artifacts(zip);
        assertThat(modelFiles).isNotEmpty();
        assertThat(ArtifactsZip.entryNames(companion)).as("found by the URLs before --url-map rewrote them")
                .containsAll(modelFiles);
        assertThat(Files.readString(out.resolve("export.map"))).contains(companion.getFileName().toString());
    }

    @Test
    void aMissingFileServerFileIsListedWithItsUrlAndTheExitSaysIncomplete(@TempDir Path files) throws IOException {
        copyTree(sandbox.fileserverDir(), files);
        String prefix = sandbox.fileserverUrl() + "/";
        String uri = backend.getCollection("model").find(Filters.in("project", subtree(vision)))
                .map(model -> model.getString("uri")).into(new ArrayList<>()).stream()
                .filter(u -> u.startsWith(prefix)).findFirst().orElseThrow();
        String path = java.net.URLDecoder.decode(uri.substring(prefix.length()), StandardCharsets.UTF_8);
        Files.delete(files.resolve(path));

        CliRun json = export("--projects", vision, "--artifacts-from", files.toString(), "--json");
        assertThat(ArtifactsZip.entryNames(ArchiveNaming.artifacts(single(out)))).doesNotContain(path).isNotEmpty();
        try (Stream<Path> written = Files.list(out)) {
            for (Path file : (Iterable<Path>) written::iterator) {
                Files.delete(file); // or the next export would find "no updates since the last export"
            }
        }
        CliRun text = export("--projects", vision, "--artifacts-from", files.toString());

        assertThat(text.exitCode()).as(text.output()).isEqualTo(1);
        assertThat(text.out()).contains("missing " + path + " (not on the file server; " + uri);
        assertThat(json.exitCode()).as(json.output()).isEqualTo(1);
        assertThat(json.out()).contains("\"path\" : \"" + path + "\"");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : (Iterable<Path>) all::iterator) {
                Path copy = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
        }
    }

    @Test
    void metadataCarriesOnlyOurKeyWithCountsAndTheZipsCrc32PerEntry() throws IOException {
        CliRun run = export("--projects", vision);

        assertThat(run.exitCode()).as(run.output()).isZero();
        ClearmlImportRules.Archive archive = ClearmlImportRules.accept(single(out));
        JsonNode metadata = archive.metadata();
        List<String> keys = new ArrayList<>();
        metadata.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("clearml_migrate");
        JsonNode ours = metadata.path("clearml_migrate");
        assertThat(ours.path("source").path("mongodb").asText()).isNotEmpty();
        assertThat(ours.path("source").path("search_engine").path("distribution").asText()).isEqualTo("opensearch");
        assertThat(ours.path("selection").path("projects").get(0).asText()).isEqualTo(vision);
        JsonNode tasks = ours.path("entries").path(EntityKind.TASK.entryName());
        assertThat(tasks.path("count").asLong()).isEqualTo(archive.ids(EntityKind.TASK).size());
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(single(out).toFile())) {
            long crc = zip.getEntry(EntityKind.TASK.entryName()).getCrc();
            assertThat(tasks.path("crc32").asText()).isEqualTo(String.format("%08x", crc));
        }
    }

    @Test
    void aSecondExportWithoutUpdatesWritesNothing() throws IOException {
        assertThat(export("--projects", vision).exitCode()).isZero();
        Path first = single(out);
        long modified = Files.getLastModifiedTime(first).toMillis();

        CliRun again = export("--projects", vision);

        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.out()).contains("Up to date");
        assertThat(single(out)).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(first).toMillis()).isEqualTo(modified);
        assertThat(out.resolve("export.map")).exists();
    }

    @Test
    void ambiguousProjectNameFailsWithOneLineListingCompaniesAndWritesNothing() throws IOException {
        CliRun run = export("--projects", "Computer Vision 0");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err().lines()).singleElement().asString().contains(main).contains(acme);
        assertNothingWritten();
    }

    @Test
    void unknownProjectFailsWithOneLineAndWritesNothing() throws IOException {
        CliRun run = export("--projects", "No Such Project");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err().lines()).singleElement().asString().contains("No Such Project");
        assertNothingWritten();
    }

    @Test
    void refusesQueuedAndRunningStatusesSayingToStopOrDequeue() throws IOException {
        CliRun run = export("--all", "--statuses", "published", "in_progress");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains("stop or dequeue");
        assertNothingWritten();
    }

    @Test
    void refusesUnknownStatusListingTheValidOnes() throws IOException {
        CliRun run = export("--all", "--statuses", "finished");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains("finished").contains("completed, unknown");
        assertNothingWritten();
    }

    @Test
    void refusesCredentialsWithoutUsers() throws IOException {
        CliRun run = export("--all", "--with-credentials");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains("--users");
        assertNothingWritten();
    }

    @Test
    void refusesAllWithProjects() throws IOException {
        CliRun run = export("--all", "--projects", vision);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertNothingWritten();
    }

    private CliRun export(String... args) {
        List<String> all = new ArrayList<>(List.of("export", "--mongo-host", sandbox.mongoUri(), "--elastic-host",
                sandbox.elasticUri().toString(), "--no-progress", "--output", out.toString()));
        all.addAll(List.of(args));
        // A later --elastic-host wins in picocli for single-value options; ours is a list, so drop the default.
        if (List.of(args).contains("--elastic-host")) {
            all.subList(3, 5).clear();
        }
        return CliRun.run(all.toArray(String[]::new));
    }

    private void assertNothingWritten() throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    static Path single(Path dir) {
        List<Path> zips = zips(dir);
        assertThat(zips).hasSize(1);
        return zips.get(0);
    }

    static List<Path> zips(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(path -> path.toString().endsWith(".zip")).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void clear(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<String> subtree(String root) {
        Set<String> ids = ids(backend.getCollection("project").find(Filters.eq("path", root)));
        ids.add(root);
        return ids;
    }

    private static List<String> names(ClearmlImportRules.Archive archive) {
        return archive.entities(EntityKind.PROJECT).stream().map(project -> project.getString("name")).toList();
    }

    private static Set<String> ids(Iterable<Document> documents) {
        Set<String> ids = new java.util.HashSet<>();
        documents.forEach(document -> ids.add(document.getString("_id")));
        return ids;
    }

    /** Events stored for one task or model, counted with a plain search on the company's indices. */
    private static int storedEvents(String company, String id) {
        return SearchCount.of(sandbox.elasticUri(), "events-*-" + company, id);
    }
}
