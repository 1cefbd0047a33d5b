package clearml.migrate.apitarget;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.archive.EntityKind;
import clearml.migrate.cli.Environment;
import clearml.migrate.testing.CliRun;
import clearml.migrate.testing.StoreSnapshot;
import clearml.sandbox.Sandbox;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Round trip through both adapters, by the command line: a genuine ClearML archive imported directly into store A,
 * exported directly, imported through the API into server B, exported through the API, imported directly into a
 * fresh store C. The API side is the sandbox's ClearML API stand-in (not ClearML's apiserver, which cannot be
 * installed here). C holds what A holds, entity by entity and event by event, except what issue #15 lets the API
 * change: ids (compared through the API import's id map), dates and owners (found instead where the guide records
 * them: a task's {@code runtime.migrated}, a model's metadata item {@code migrated}, the system tag {@code migrated};
 * they include a task's model-link {@code updated} stamps and the first and last {@code @timestamp} of each entity's
 * events), and exactly the fields the API import's {@code --json} summary lists as not kept.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class ApiRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED)
            .build();
    private static final String COMPANY = FreshServer.DEFAULT_COMPANY;
    private static final String[] SELECTION = {"--all", "--statuses", "published", "completed", "created",
            "stopped", "failed", "--include-archived"};

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"clearml-server-2.0.0", "clearml-server-2.0.0-rich"})
    void directApiApiDirectEndsWhereItStartedButForWhatTheApiChoosesAndSaysItDidNotKeep(String fixture,
            Sandbox stores, @TargetServer Sandbox server, @TargetServer ApiStandIn api) throws IOException {
        FreshServer.initialize(stores.mongoUri(), COMPANY, "clearml");
        FreshServer.initialize(server.mongoUri(), COMPANY, "clearml");
        ok(direct(stores, "import", StandInTarget.fixture(fixture, folder("fixture")).toString()));
        Path exportedA = exportDirect(stores, folder("a"));
        StoreSnapshot a = StoreSnapshot.of(stores.mongoUri(), stores.elasticUri(), stores.fileserverDir());

        CliRun imported = throughApi(api, "import", exportedA.toString(), "--json");
        JsonNode summary = JSON.readTree(imported.out());
        Map<String, Set<String>> notKept = notKept(summary);
        assertThat(imported.exitCode()).as(imported.output()).isEqualTo(notKept.isEmpty() ? 0 : 1);
        assertThat(summary.path("eventsRefused").asLong()).isZero();
        Path exportedB = folder("b").resolve("export.zip");
        ok(throughApi(api, "export", "--output", exportedB.toString(), SELECTION[0], SELECTION[1], SELECTION[2],
                SELECTION[3], SELECTION[4], SELECTION[5], SELECTION[6], SELECTION[7]));

        stores.reset();
        FreshServer.initialize(stores.mongoUri(), COMPANY, "clearml");
        ok(direct(stores, "import", single(folder("b")).toString()));
        StoreSnapshot c = StoreSnapshot.of(stores.mongoUri(), stores.elasticUri(), stores.fileserverDir());

        Map<String, String> ids = StandInTarget.idMap(IdMap.besideArchive(exportedA));
        Map<String, JsonNode> indexedInA = indexedRanges(a);
        for (EntityKind kind : EntityKind.values()) {
            assertSameEntities(kind, a, c, ids, notKept.getOrDefault(kind.name().toLowerCase(), Set.of()),
                    indexedInA);
        }
        assertSameEvents(a, c, ids);
        assertThat(notKept).as("what the summary lists, by kind").isEqualTo(listedInSummary(summary));
    }

    /** Every entity of A is in C under its mapped id, equal but for ids, dates, owners and the fields not kept. */
    private static void assertSameEntities(EntityKind kind, StoreSnapshot a, StoreSnapshot c, Map<String, String> ids,
            Set<String> notKept, Map<String, JsonNode> indexedInA) {
        String name = "backend." + kind.name().toLowerCase();
        Map<String, JsonNode> inC = new HashMap<>();
        c.collection(name).forEach(document -> inC.put(document.getString("_id"), tree(document)));
        assertThat(inC).as(name).hasSameSizeAs(a.collection(name));
        Set<String> differing = new TreeSet<>();
        for (Document original : a.collection(name)) {
            String id = original.getString("_id");
            JsonNode arrived = inC.get(ids.get(id));
            assertThat(arrived).as(name + " " + id + " under its mapped id " + ids.get(id)).isNotNull();
            if (kind != EntityKind.PROJECT) {
                JsonNode record = migratedRecord(kind, (ObjectNode) arrived);
                assertMigratedRecord(kind, original, record);
                assertThat(record.path("events_indexed")).as("archived @timestamp range of " + id)
                        .isEqualTo(indexedInA.getOrDefault(id, MissingNode.getInstance()));
            }
            emptyDescriptionAsAbsent(kind, original, (ObjectNode) arrived);
            JsonNode expected = comparable(kind, tree(original), Set.of(), ids);
            JsonNode actual = comparable(kind, arrived, Set.of(), Map.of());
            notKept.stream().filter(path -> !at(expected, path).equals(at(actual, path))).forEach(differing::add);
            assertThat(comparable(kind, arrived, notKept, Map.of())).as(name + " " + id)
                    .isEqualTo(comparable(kind, tree(original), notKept, ids));
        }
        assertThat(differing).as(name + ": each field the summary lists as not kept differs").isEqualTo(notKept);
    }

    /**
     * The one expected difference outside issue #15's list, named: {@code projects.create} stores a description it
     * is not given as {@code ""} (the stand-in as ClearML's server), which the API cannot unset and ClearML shows as
     * none; the import's read-back compares what it sent, so the summary does not list it.
     */
    private static void emptyDescriptionAsAbsent(EntityKind kind, Document original, ObjectNode arrived) {
        if (kind == EntityKind.PROJECT && !original.containsKey("description")
                && "".equals(arrived.path("description").textValue())) {
            arrived.remove("description");
        }
    }

    private static JsonNode at(JsonNode node, String dottedPath) {
        return node.at("/" + dottedPath.replace('.', '/'));
    }

    /** The archived id, dates, owner and model-link stamps of {@code original}, as the guide says they are kept. */
    private static void assertMigratedRecord(EntityKind kind, Document original, JsonNode record) {
        assertThat(record.path("id").asText()).isEqualTo(original.getString("_id"));
        if (kind == EntityKind.TASK) {
            assertThat(record.path("models")).as("model link stamps of " + original.getString("_id"))
                    .isEqualTo(linkStamps(original));
        }
        for (String field : ApiEntities.serverOwned(kind)) {
            Object value = original.get(field);
            if (field.equals("id") || value == null) {
                continue;
            }
            assertThat(record.has(field)).as("migrated " + field + " of " + original.getString("_id")).isTrue();
            if (value instanceof Date date) {
                assertThat(instant(record.get(field).asText())).as("migrated " + field).isEqualTo(date.toInstant());
            } else {
                assertThat(record.get(field)).as("migrated " + field).isEqualTo(JSON.valueToTree(value));
            }
        }
    }

    /** Takes the {@code migrated} record and system tag off {@code arrived} (asserting both) and returns the record. */
    private static JsonNode migratedRecord(EntityKind kind, ObjectNode arrived) {
        ArrayNode tags = (ArrayNode) arrived.path("system_tags");
        List<String> kept = new ArrayList<>();
        tags.forEach(tag -> kept.add(tag.asText()));
        assertThat(kept).as("system tags of " + arrived.path("_id")).contains(Migrated.TAG);
        kept.remove(Migrated.TAG);
        arrived.set("system_tags", JSON.valueToTree(kept));
        if (kind == EntityKind.TASK) {
            JsonNode record = ((ObjectNode) arrived.path("runtime")).remove(Migrated.KEY);
            assertThat(record).as("runtime.migrated of " + arrived.path("_id")).isNotNull();
            return record;
        }
        JsonNode item = ((ObjectNode) arrived.path("metadata")).remove(Migrated.KEY);
        assertThat(item).as("metadata item migrated of " + arrived.path("_id")).isNotNull();
        assertThat(item.path("type").asText()).isEqualTo("json");
        return tree(item.path("value").asText());
    }

    /** {@code entity} without its id, server-owned fields and the fields not kept, archived ids mapped. */
    private static JsonNode comparable(EntityKind kind, JsonNode entity, Set<String> notKept, Map<String, String> ids) {
        ObjectNode copy = (ObjectNode) StandInTarget.mapped(entity.deepCopy(), ids);
        copy.remove("_id");
        copy.remove(ApiEntities.serverOwned(kind));
        copy.path("models").forEach(links -> links.forEach(link -> ((ObjectNode) link).remove("updated")));
        notKept.forEach(path -> remove(copy, path));
        return copy;
    }

    /** What the record should hold of {@code task}'s model links: the archived stamps, by direction, in order. */
    private static JsonNode linkStamps(Document task) {
        ObjectNode stamps = JSON.createObjectNode();
        JsonNode models = tree(task).path("models");
        for (String direction : List.of("input", "output")) {
            ArrayNode links = JSON.createArrayNode();
            models.path(direction).forEach(link -> {
                if (link.has("updated")) {
                    links.addObject().put("name", link.path("name").asText())
                            .put("updated", link.path("updated").path("$date").asText());
                }
            });
            if (!links.isEmpty()) {
                stamps.set(direction, links);
            }
        }
        return stamps.isEmpty() ? MissingNode.getInstance() : stamps;
    }

    /** Per task or model of {@code snapshot}, the first and last {@code @timestamp} of its events. */
    private static Map<String, JsonNode> indexedRanges(StoreSnapshot snapshot) {
        Map<String, TreeMap<Instant, String>> byEntity = new HashMap<>();
        snapshot.events().forEach((index, byId) -> byId.values().forEach(event -> byEntity
                .computeIfAbsent(event.path("task").asText(), k -> new TreeMap<>())
                .put(instant(event.path("@timestamp").asText()), event.path("@timestamp").asText())));
        Map<String, JsonNode> ranges = new HashMap<>();
        byEntity.forEach((entity, times) -> ranges.put(entity, JSON.createObjectNode()
                .put("first", times.firstEntry().getValue()).put("last", times.lastEntry().getValue())));
        return ranges;
    }

    /** Every event of A is in C, per index and task (mapped), alike but for its id and {@code @timestamp}. */
    private static void assertSameEvents(StoreSnapshot a, StoreSnapshot c, Map<String, String> ids) {
        Map<String, List<JsonNode>> expected = eventsByIndexAndTask(a, ids);
        Map<String, List<JsonNode>> actual = eventsByIndexAndTask(c, Map.of());
        assertThat(a.eventCount()).as("events in A").isPositive();
        assertThat(counts(actual)).as("events per type per task").isEqualTo(counts(expected));
        expected.forEach((key, events) -> assertThat(actual.get(key)).as(key)
                .containsExactlyInAnyOrderElementsOf(events));
    }

    private static Map<String, List<JsonNode>> eventsByIndexAndTask(StoreSnapshot snapshot, Map<String, String> ids) {
        Map<String, List<JsonNode>> events = new TreeMap<>();
        snapshot.events().forEach((index, byId) -> byId.values().forEach(event -> {
            ObjectNode comparable = (ObjectNode) StandInTarget.mapped(event.deepCopy(), ids);
            comparable.remove("@timestamp"); // the server's; the archived range is in the migrated record
            events.computeIfAbsent(index + " " + comparable.path("task").asText(), k -> new ArrayList<>())
                    .add(comparable);
        }));
        return events;
    }

    private static Map<String, Integer> counts(Map<String, List<JsonNode>> events) {
        Map<String, Integer> counts = new TreeMap<>();
        events.forEach((key, list) -> counts.put(key, list.size()));
        return counts;
    }

    private static void remove(ObjectNode node, String dottedPath) {
        int dot = dottedPath.indexOf('.');
        if (dot < 0) {
            node.remove(dottedPath);
        } else if (node.get(dottedPath.substring(0, dot)) instanceof ObjectNode inner) {
            remove(inner, dottedPath.substring(dot + 1));
        }
    }

    /** The summary's {@code differencesByField} keys ({@code kind.path}) by kind. */
    private static Map<String, Set<String>> notKept(JsonNode summary) {
        Map<String, Set<String>> byKind = new TreeMap<>();
        summary.path("differencesByField").fieldNames().forEachRemaining(field -> byKind.computeIfAbsent(
                field.substring(0, field.indexOf('.')), k -> new TreeSet<>())
                .add(field.substring(field.indexOf('.') + 1)));
        return byKind;
    }

    /** The same, from the summary's listed differences: each field named counted is also described. */
    private static Map<String, Set<String>> listedInSummary(JsonNode summary) {
        Map<String, Set<String>> byKind = new TreeMap<>();
        summary.path("differences").forEach(difference -> byKind.computeIfAbsent(difference.path("kind").asText(),
                k -> new TreeSet<>()).add(difference.path("path").asText()));
        return byKind;
    }

    private Path exportDirect(Sandbox stores, Path out) throws IOException {
        List<String> args = new ArrayList<>(List.of("export", "--output", out.resolve("export.zip").toString()));
        args.addAll(List.of(SELECTION));
        args.addAll(List.of("--company", COMPANY));
        ok(direct(stores, args.toArray(String[]::new)));
        return single(out);
    }

    private static CliRun direct(Sandbox stores, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--mongo-host", stores.mongoUri(), "--elastic-host", stores.elasticUri().toString(),
                "--no-progress"));
        if (args[0].equals("import")) {
            all.addAll(List.of("--company", COMPANY));
        }
        return CliRun.run(all.toArray(String[]::new));
    }

    private CliRun throughApi(ApiStandIn api, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--api-host", api.url(), "--no-progress"));
        return CliRun.run(Environment.of(Map.of("HOME", dir.toString(), "CLEARML_API_ACCESS_KEY",
                api.adminCredentials().accessKey(), "CLEARML_API_SECRET_KEY", api.adminCredentials().secretKey())),
                all.toArray(String[]::new));
    }

    private static void ok(CliRun run) {
        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    private Path folder(String name) throws IOException {
        return Files.createDirectories(dir.resolve(name));
    }

    private static Path single(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> zips = files.filter(path -> path.toString().endsWith(".zip")).toList();
            assertThat(zips).as("archives in " + folder).hasSize(1);
            return zips.get(0);
        }
    }

    private static Instant instant(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    private static JsonNode tree(Document document) {
        return tree(document.toJson(RELAXED));
    }

    private static JsonNode tree(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
