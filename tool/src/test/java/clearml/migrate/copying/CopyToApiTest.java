package clearml.migrate.copying;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.apitarget.IdMap;
import clearml.migrate.apitarget.StandInTarget;
import clearml.migrate.cli.Environment;
import clearml.migrate.failures.ExitCode;
import clearml.migrate.testing.CliRun;
import clearml.migrate.testing.StoreSnapshot;
import clearml.sandbox.Sandbox;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.fileserver.FileServerStandIn;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code copy} and {@code sync} into a server reached through its REST API ({@code --to-api-host}), through the
 * command line. The API side is the sandbox's ClearML API stand-in (not ClearML's apiserver, which cannot be
 * installed here), over the target sandbox's stores; the source is a genuine ClearML archive imported directly into
 * the source sandbox. A copy leaves the target holding what export + {@code import --api-host} of the same
 * selection leave (documents and events alike once the server's ids are mapped back through each run's id map and
 * the server's own dates are set aside), and verifies Equal against that export; a rerun creates nothing twice;
 * undo puts the target back; the referenced files go to the server's own file server (the sandbox's file-server
 * stand-in) unless told otherwise; a sync pass after changes at the source rewrites only the changed entities.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class CopyToApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Documents as JSON with every date the same: the server stamps its own time on each call. */
    private static final JsonWriterSettings DATES_ASIDE = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED)
            .dateTimeConverter((date, writer) -> writer.writeString("a date")).build();
    private static final String COMPANY = FreshServer.DEFAULT_COMPANY;
    private static final Set<String> ENTITIES = Set.of("backend.project", "backend.task", "backend.model");
    private static final List<String> SELECTION = List.of("--all", "--include-archived", "--statuses", "published",
            "completed", "created", "stopped", "failed");

    @TempDir
    Path dir;

    @Test
    void aCopyHoldsWhatExportAndImportThroughTheApiHoldAndARerunAndUndoEndWhereTheyShould(Sandbox source,
            @TargetServer Sandbox target, @TargetServer ApiStandIn api) throws IOException {
        seed(source, target);
        Path archive = export(source);
        CliRun imported = throughApi(api, "import", archive.toString(), "--no-progress");
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        Map<String, List<String>> byImport = comparable(target, StandInTarget.idMap(IdMap.besideArchive(archive)));
        assertThat(byImport.keySet()).containsAll(ENTITIES).anyMatch(index -> index.startsWith("events-"));
        fresh(target);
        assertThat(throughApi(api, "ping").exitCode()).isZero(); // the API's first login is no part of the comparison
        StoreSnapshot before = StandInTarget.withoutLogins(target);

        Path journal = dir.resolve("copy.undo.jsonl.gz");
        CliRun copied = copy(source, api, "--journal", journal.toString());

        assertThat(copied.exitCode()).as(copied.output()).isZero();
        assertThat(copied.out()).contains("through the API").contains("Equal: the target holds what the source holds.");
        Path map = dir.resolve("copy" + IdMap.SUFFIX);
        assertThat(copied.err()).contains("clearml-migrate undo --api-host " + api.url() + " " + map);
        Map<String, List<String>> byCopy = comparable(target, StandInTarget.idMap(map));
        assertThat(byCopy).isEqualTo(byImport);
        StoreSnapshot afterCopy = StandInTarget.withoutLogins(target);
        CliRun verified = throughApi(api, "verify", archive.toString(), "--id-map", map.toString(), "--no-progress");
        assertThat(verified.exitCode()).as("the export of the same selection, against the copy: " + verified.output())
                .isZero();

        CliRun again = copy(source, api, "--journal", journal.toString());

        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.out()).contains("unchanged").contains("Equal");
        for (String collection : ENTITIES) {
            assertThat(StandInTarget.withoutLogins(target).collection(collection)).as(collection)
                    .hasSameSizeAs(afterCopy.collection(collection));
        }
        assertThat(comparable(target, StandInTarget.idMap(map))).isEqualTo(byCopy);

        CliRun undone = throughApi(api, "undo", map.toString(), "--no-progress");
        assertThat(undone.exitCode()).as(undone.output()).isZero();
        assertThat(StandInTarget.withoutLogins(target).differences(before)).isEmpty();
    }

    @Test
    void aSyncPassRewritesOnlyWhatChangedAtTheSourceAndAQuietPassWritesNothing(Sandbox source,
            @TargetServer Sandbox target, @TargetServer ApiStandIn api) throws IOException {
        seed(source, target);
        Path map = dir.resolve("sync" + IdMap.SUFFIX);
        CliRun first = sync(source, api, map);
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.out()).contains("Pass 1: first pass, a full copy").contains("Equal");
        Path state = dir.resolve("sync.sync-state.json");
        assertThat(state).isRegularFile();
        StoreSnapshot afterFirst = StandInTarget.withoutLogins(target);
        byte[] mapAfterFirst = Files.readAllBytes(map);

        CliRun quiet = sync(source, api, map);

        assertThat(quiet.exitCode()).as(quiet.output()).isZero();
        assertThat(quiet.out()).contains("Pass 1: nothing changed at the source since the last pass; nothing was"
                + " written.");
        assertThat(StandInTarget.withoutLogins(target).onlyCollections(ENTITIES)).isEqualTo(afterFirst.onlyCollections(ENTITIES));
        assertThat(StandInTarget.withoutLogins(target).events()).isEqualTo(afterFirst.events());
        assertThat(Files.readAllBytes(map)).isEqualTo(mapAfterFirst);

        SyncTest.Changes changes = SyncTest.change(source, COMPANY);
        CliRun delta = sync(source, api, map);

        assertThat(delta.exitCode()).as(delta.output()).isZero();
        assertThat(delta.out()).contains("Pass 1: 4 changes").contains("Equal")
                .containsPattern("tasks +1 created, +2 updated");
        assertThat(delta.err()).contains("1 entities deleted at the source were left on the target");
        Map<String, String> ids = StandInTarget.idMap(map);
        List<Document> tasks = StandInTarget.withoutLogins(target).collection("backend.task");
        assertThat(tasks).extracting(task -> task.get("_id")).contains(ids.get(changes.created()),
                ids.get(changes.deleted()));
        assertThat(tasks).filteredOn(task -> ids.get(changes.renamed()).equals(task.get("_id")))
                .extracting(task -> task.getString("name")).singleElement().asString().endsWith(" (renamed)");
        for (String task : List.of(changes.appended(), changes.created())) {
            assertThat(SyncTest.events(SyncTest.store(target), COMPANY, ids.get(task))).as(task)
                    .hasSameSizeAs(SyncTest.events(SyncTest.store(source), COMPANY, task)).isNotEmpty();
        }
        Set<String> changed = Set.of(ids.get(changes.appended()), ids.get(changes.renamed()),
                ids.get(changes.created()));
        assertThat(tasks).filteredOn(task -> !changed.contains(task.getString("_id")))
                .as("the tasks that did not change are left as the first pass wrote them")
                .isEqualTo(afterFirst.collection("backend.task").stream()
                        .filter(task -> !changed.contains(task.getString("_id"))).toList());
    }

    @Test
    void filesGoToTheServersOwnFileServerByDefaultAndUndoDeletesThem(Sandbox source, @TargetServer Sandbox target,
            @TargetServer ApiStandIn api, @TargetServer FileServerStandIn files) throws IOException {
        seed(source, target, "--artifacts-to", source.fileserverDir().toString());
        Map<String, String> onSource = contents(source.fileserverDir());
        Path map = dir.resolve("files" + IdMap.SUFFIX);
        List<String> args = new ArrayList<>(List.of("copy", "--company", COMPANY, "--from-mongo-host",
                source.mongoUri(), "--from-elastic-host", source.elasticUri().toString(), "--to-api-host", api.url(),
                "--artifacts-from", source.fileserverDir().toString(), "--id-map", map.toString(), "--no-progress"));
        args.addAll(SELECTION);
        Map<String, String> variables = new HashMap<>(Map.of("HOME", dir.toString(), "CLEARML_API_ACCESS_KEY",
                api.adminCredentials().accessKey(), "CLEARML_API_SECRET_KEY", api.adminCredentials().secretKey()));
        variables.put("CLEARML_FILES_HOST", files.url());

        CliRun copied = CliRun.run(Environment.of(variables), args.toArray(String[]::new));

        assertThat(copied.exitCode()).as(copied.output()).isZero();
        Map<String, String> placed = contents(files.root());
        assertThat(placed).as("the referenced files, byte for byte, at their paths").isNotEmpty();
        assertThat(onSource).containsAllEntriesOf(placed);
        assertThat(copied.out()).contains("files: " + placed.size() + " created")
                .contains("artifact files         " + placed.size());
        CliRun undone = CliRun.run(Environment.of(variables), "undo", map.toString(), "--api-host", api.url(),
                "--no-progress");
        assertThat(undone.exitCode()).as(undone.output()).isZero();
        assertThat(contents(files.root())).isEmpty();
    }

    /** Every regular file below {@code root}, by relative path, as its SHA-256. */
    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.put(root.relativize(file).toString().replace('\\', '/'), sha256(Files.readAllBytes(file)));
            }
        }
        return contents;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "copy | --events-via=reindex | --events-via reindex cannot be used with --to-api-host",
        "sync | --apply-deletes      | --apply-deletes cannot be used with --to-api-host yet",
        "copy | --to-mongo-host=mongodb://127.0.0.1:1 | copy reaches a server either through its API (--to-api-host"})
    void whatAnApiTargetCannotDoIsRefusedInOneLineBeforeAnythingIsWritten(String command, String flag,
            String message, Sandbox source, @TargetServer Sandbox target, @TargetServer ApiStandIn api)
            throws IOException {
        seed(source, target);
        StoreSnapshot before = StandInTarget.withoutLogins(target);
        Path map = dir.resolve("refused" + IdMap.SUFFIX);
        List<String> args = new ArrayList<>(List.of(command, "--company", COMPANY, "--from-mongo-host",
                source.mongoUri(), "--from-elastic-host", source.elasticUri().toString(), "--to-api-host", api.url(),
                "--id-map", map.toString(), "--no-progress", flag));
        args.addAll(SELECTION);

        CliRun refused = CliRun.run(keys(api), args.toArray(String[]::new));

        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(refused.oneErrorLine()).startsWith("clearml-migrate: " + message);
        assertThat(map).doesNotExist();
        assertThat(StandInTarget.withoutLogins(target).onlyCollections(ENTITIES)).isEqualTo(before.onlyCollections(ENTITIES));
    }

    /**
     * The genuine 2.0.0 archive imported directly into the source (with {@code flags}); the target a server that
     * just started.
     */
    private void seed(Sandbox source, Sandbox target, String... flags) throws IOException {
        FreshServer.initialize(source.mongoUri(), COMPANY, "clearml");
        FreshServer.initialize(target.mongoUri(), COMPANY, "clearml");
        Path fixture = StandInTarget.fixture("clearml-server-2.0.0", Files.createDirectories(dir.resolve("fixture")));
        List<String> args = new ArrayList<>(List.of("import", fixture.toString(), "--company", COMPANY,
                "--mongo-host", source.mongoUri(), "--elastic-host", source.elasticUri().toString(), "--no-progress"));
        args.addAll(List.of(flags));
        CliRun imported = CliRun.run(args.toArray(String[]::new));
        assertThat(imported.exitCode()).as(imported.output()).isZero();
    }

    private static void fresh(Sandbox target) {
        target.reset();
        FreshServer.initialize(target.mongoUri(), COMPANY, "clearml");
    }

    private Path export(Sandbox source) throws IOException {
        Path out = Files.createDirectories(dir.resolve("export"));
        List<String> args = new ArrayList<>(List.of("export", "--company", COMPANY, "--output",
                out.resolve("export.zip").toString(), "--mongo-host", source.mongoUri(), "--elastic-host",
                source.elasticUri().toString(), "--no-progress"));
        args.addAll(SELECTION);
        CliRun exported = CliRun.run(args.toArray(String[]::new));
        assertThat(exported.exitCode()).as(exported.output()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
        }
    }

    private CliRun copy(Sandbox source, ApiStandIn api, String... flags) {
        return fromSource("copy", source, api, flags);
    }

    private CliRun sync(Sandbox source, ApiStandIn api, Path map) {
        return fromSource("sync", source, api, "--id-map", map.toString());
    }

    private CliRun fromSource(String command, Sandbox source, ApiStandIn api, String... flags) {
        List<String> args = new ArrayList<>(List.of(command, "--company", COMPANY, "--from-mongo-host",
                source.mongoUri(), "--from-elastic-host", source.elasticUri().toString(), "--to-api-host", api.url(),
                "--no-progress"));
        args.addAll(List.of(flags));
        args.addAll(SELECTION);
        return CliRun.run(keys(api), args.toArray(String[]::new));
    }

    private CliRun throughApi(ApiStandIn api, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--api-host", api.url()));
        return CliRun.run(keys(api), all.toArray(String[]::new));
    }

    /** The admin's keys, and a home without a clearml.conf. */
    private Environment keys(ApiStandIn api) {
        return Environment.of(Map.of("HOME", dir.toString(), "CLEARML_API_ACCESS_KEY",
                api.adminCredentials().accessKey(), "CLEARML_API_SECRET_KEY", api.adminCredentials().secretKey()));
    }

    /**
     * What the target holds, per collection and event index, sorted, with the server's ids mapped back to the
     * source's ({@code sourceIds}: source id → server id) and what the server stamps at the time of each call set
     * aside: dates, the event's {@code @timestamp} and id. Everything else, the {@code migrated} records included,
     * must be alike.
     */
    private static Map<String, List<String>> comparable(Sandbox target, Map<String, String> sourceIds) {
        Map<String, String> back = new HashMap<>();
        sourceIds.forEach((sourceId, serverId) -> back.put(serverId, sourceId));
        StoreSnapshot snapshot = StoreSnapshot.of(target.mongoUri(), target.elasticUri(), target.fileserverDir());
        Map<String, List<String>> comparable = new TreeMap<>();
        for (String collection : ENTITIES) {
            snapshot.collection(collection).forEach(document -> comparable.computeIfAbsent(collection,
                    k -> new ArrayList<>()).add(StandInTarget.mapped(tree(document), back).toString()));
        }
        snapshot.events().forEach((index, byId) -> byId.values().forEach(event -> {
            ObjectNode source = ((ObjectNode) StandInTarget.mapped(event.deepCopy(), back)).without("@timestamp");
            comparable.computeIfAbsent(index, k -> new ArrayList<>()).add(source.toString());
        }));
        comparable.values().forEach(list -> list.sort(null));
        return comparable;
    }

    private static JsonNode tree(Document document) {
        try {
            return JSON.readTree(document.toJson(DATES_ASIDE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
