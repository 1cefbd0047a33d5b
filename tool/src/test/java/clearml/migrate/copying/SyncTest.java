package clearml.migrate.copying;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.events.BulkWriter;
import clearml.migrate.events.ElasticClient;
import clearml.migrate.events.ElasticSettings;
import clearml.migrate.events.EventIndexNames;
import clearml.migrate.events.EventQuery;
import clearml.migrate.events.EventScroll;
import clearml.migrate.events.EventStore;
import clearml.migrate.events.EventType;
import clearml.migrate.testing.CliRun;
import clearml.migrate.testing.StoreSnapshot;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sync} through the command line between the sandbox's seeded source and its target: the first pass copies
 * everything, a pass over an unchanged source writes nothing and says so, and after the source changes as a live
 * server's does (events added to a task, a task renamed, a task created, a task deleted) a pass moves exactly those,
 * the target then holds what the source holds, and undo takes that one pass back.
 */
@ExtendWith(SandboxExtension.class)
class SyncTest {

    private static final List<String> EXPORTABLE = List.of("created", "stopped", "publishing", "published", "closed",
            "failed", "completed", "unknown");
    private static final Set<String> ENTITIES = Set.of("backend.project", "backend.task", "backend.model");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSyncMovesOnlyWhatChangedAndUndoTakesOnePassBack(Sandbox source, @TargetServer Sandbox target) {
        source.reset();
        target.reset();
        FreshServer.initialize(target.mongoUri(), FreshServer.TARGET_COMPANY, "target");
        String company = new Seeder().seed(source.mongoUri(), source.elasticUri(), source.fileserverDir(),
                source.fileserverUrl(), SeedSize.small()).companies().get(0);
        CliRun first = sync(source, target, company, "first");
        ok(first);
        assertThat(first.out()).contains("Pass 1: first pass, a full copy").contains("Equal");
        StoreSnapshot afterFirst = snapshot(target);

        CliRun quiet = sync(source, target, company, "quiet");
        ok(quiet);
        assertThat(quiet.out()).contains("Pass 1: nothing changed at the source since the last pass; nothing was"
                + " written.");
        assertThat(snapshot(target)).isEqualTo(afterFirst);
        assertThat(dir.resolve("quiet.undo.jsonl.gz")).doesNotExist();

        Changes changes = change(source, company);
        CliRun delta = sync(source, target, company, "delta", "--apply-deletes");

        ok(delta);
        assertThat(delta.out()).contains("Pass 1: 4 changes").contains("Equal");
        for (String task : List.of(changes.appended(), changes.created())) {
            assertThat(events(store(target), FreshServer.TARGET_COMPANY, task)).as(task).isNotEmpty()
                    .isEqualTo(events(store(source), company, task));
        }
        List<Document> tasks = snapshot(target).collection("backend.task");
        assertThat(tasks).extracting(task -> task.get("_id")).contains(changes.created())
                .doesNotContain(changes.deleted());
        assertThat(tasks).filteredOn(task -> changes.renamed().equals(task.get("_id")))
                .extracting(task -> task.getString("name")).singleElement().asString().endsWith(" (renamed)");

        ok(CliRun.run("undo", dir.resolve("delta.undo.jsonl.gz").toString(), "--mongo-host", target.mongoUri(),
                "--elastic-host", target.elasticUri().toString(), "--no-progress"));
        assertThat(snapshot(target).onlyCollections(ENTITIES)).isEqualTo(afterFirst.onlyCollections(ENTITIES));
        assertThat(snapshot(target).events()).isEqualTo(afterFirst.events());
        CliRun again = sync(source, target, company, "again", "--apply-deletes");
        assertThat(again.out()).as("undo put the first pass's state back").contains("Pass 1: 4 changes");
    }

    @Test
    void aPassThatStreamsAppendedEventsLeavesTheSourcesStatisticsAndVerifiesEqual(Sandbox source,
            @TargetServer Sandbox target) {
        source.reset();
        target.reset();
        FreshServer.initialize(target.mongoUri(), FreshServer.TARGET_COMPANY, "target");
        String company = new Seeder().seed(source.mongoUri(), source.elasticUri(), source.fileserverDir(),
                source.fileserverUrl(), SeedSize.small()).companies().get(0);
        // The files moving too make the events stream through the import instead of engine to engine.
        String[] streamed = {"--artifacts-from", source.fileserverDir().toString(), "--artifacts-to",
                target.fileserverDir().toString()};
        ok(sync(source, target, company, "first", streamed));
        Changes changes = change(source, company);

        CliRun delta = sync(source, target, company, "delta", streamed);

        ok(delta);
        assertThat(delta.out()).contains("Equal");
        // Streamed log events get fresh ids, as an import gives them (data model §5.6), so the sources are compared.
        assertThat(withoutIds(events(store(target), FreshServer.TARGET_COMPANY, changes.appended())))
                .isEqualTo(withoutIds(events(store(source), company, changes.appended())));
        assertThat(statistics(target, changes.appended())).isEqualTo(statistics(source, changes.appended()));
    }

    private CliRun sync(Sandbox source, Sandbox target, String company, String journal, String... flags) {
        List<String> args = new ArrayList<>(List.of("sync", "--all", "--company", company, "--include-archived",
                "--target-company", FreshServer.TARGET_COMPANY,
                "--from-mongo-host", source.mongoUri(), "--from-elastic-host", source.elasticUri().toString(),
                "--to-mongo-host", target.mongoUri(), "--to-elastic-host", target.elasticUri().toString(),
                "--journal", dir.resolve(journal + ".undo.jsonl.gz").toString(), "--no-progress"));
        args.addAll(List.of(flags));
        args.add("--statuses");
        args.addAll(EXPORTABLE);
        return CliRun.run(args.toArray(String[]::new));
    }

    /** What the source changed. */
    record Changes(String appended, String renamed, String created, String deleted) {
    }

    /** As a live server would: log events added to a task, a rename, a new task, a deletion. */
    static Changes change(Sandbox source, String company) {
        EventStore events = store(source);
        try (MongoClient mongo = MongoClients.create(source.mongoUri())) {
            MongoCollection<Document> tasks = mongo.getDatabase("backend").getCollection("task");
            List<String> ids = new ArrayList<>();
            tasks.find(Filters.and(Filters.eq("company", company), Filters.in("status", EXPORTABLE)))
                    .forEach(task -> ids.add(task.getString("_id")));
            ids.sort(null);
            String appended = ids.get(0);
            String renamed = ids.get(1);
            String deleted = ids.get(2);
            addLogs(events, company, appended, 3);
            tasks.updateOne(Filters.eq("_id", renamed), Updates.combine(Updates.set("name",
                    tasks.find(Filters.eq("_id", renamed)).first().getString("name") + " (renamed)"),
                    Updates.set("last_change", new Date())));
            Document created = new Document(tasks.find(Filters.eq("_id", renamed)).first());
            String createdId = UUID.randomUUID().toString().replace("-", "");
            created.put("_id", createdId);
            created.put("name", "created after the first pass");
            created.put("created", new Date());
            tasks.insertOne(created);
            addLogs(events, company, createdId, 2);
            events.deleteTaskEvents(company, List.of(deleted));
            tasks.deleteOne(Filters.eq("_id", deleted));
            events.refresh(EventIndexNames.allTypes(company));
            return new Changes(appended, renamed, createdId, deleted);
        }
    }

    /** As a live server would: {@code count} log events added to {@code task}, at iterations from 1001. */
    static void addLogs(EventStore events, String company, String task, int count) {
        try (BulkWriter writer = events.bulkWriter()) {
            for (int i = 1; i <= count; i++) {
                ObjectNode log = JSON.createObjectNode().put("task", task).put("type", "log")
                        .put("timestamp", System.currentTimeMillis() + i).put("iter", 1000 + i).put("level", "info")
                        .put("msg", "added after the first pass " + i).put("worker", "w").put("metric", "")
                        .put("variant", "").put("model_event", false).put("company_id", company)
                        .put("@timestamp", "2026-01-01T00:00:0" + i + ".000Z");
                writer.index(EventIndexNames.index(EventType.LOG, company),
                        UUID.randomUUID().toString().replace("-", ""), log);
            }
            assertThat(writer.flush().failures()).isEmpty();
        }
    }

    /** A task's events, without {@code company_id}, as sorted JSON texts. */
    static Set<String> events(EventStore store, String company, String task) {
        store.refresh(EventIndexNames.allTypes(company));
        Set<String> events = new TreeSet<>();
        try (EventScroll scroll = store.scroll(EventQuery.ofTasks(company, List.of(task)))) {
            scroll.forEachRemaining(hit -> events.add(hit.id() + " " + hit.source().without("company_id")));
        }
        return events;
    }

    /**
     * The statistics a server keeps of a task's events (data model §1.4), as JSON: a number's value counts, not
     * its BSON width (the seeded source stores {@code count} as int64, the import as int32 where it fits).
     */
    private static JsonNode statistics(Sandbox sandbox, String task) {
        try (MongoClient mongo = MongoClients.create(sandbox.mongoUri())) {
            Document document = mongo.getDatabase("backend").getCollection("task").find(Filters.eq("_id", task))
                    .first();
            assertThat(document).as(task).isNotNull();
            Document statistics = new Document();
            for (String field : List.of("last_iteration", "last_metrics", "metric_stats")) {
                statistics.put(field, document.get(field));
            }
            return json(statistics.toJson());
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

        private static Set<String> withoutIds(Set<String> events) {
        Set<String> sources = new TreeSet<>();
        events.forEach(event -> sources.add(event.substring(event.indexOf(' ') + 1)));
        return sources;
    }

    static EventStore store(Sandbox sandbox) {
        return new EventStore(new ElasticClient(new ElasticSettings(List.of(sandbox.elasticUri()), null, null)));
    }

    private static StoreSnapshot snapshot(Sandbox sandbox) {
        return StoreSnapshot.of(sandbox.mongoUri(), sandbox.elasticUri(), sandbox.fileserverDir());
    }

    private static void ok(CliRun run) {
        assertThat(run.exitCode()).as(run.output()).isZero();
    }
}
