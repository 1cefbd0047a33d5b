package clearml.migrate.incremental;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.archive.ArchiveLineage;
import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.DeltaInfo.EventsChange;
import clearml.migrate.archive.DeltaInfo;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.events.BulkWriter;
import clearml.migrate.events.ElasticClient;
import clearml.migrate.events.ElasticSettings;
import clearml.migrate.events.EventHit;
import clearml.migrate.events.EventIds;
import clearml.migrate.events.EventIndexNames;
import clearml.migrate.events.EventQuery;
import clearml.migrate.events.EventScroll;
import clearml.migrate.events.EventStore;
import clearml.migrate.events.EventType;
import clearml.migrate.failures.ExitCode;
import clearml.migrate.testing.CliRun;
import clearml.migrate.testing.StoreSnapshot;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --since} and the import of its delta, through the command line, between the sandbox's seeded
 * source and its target: the source changes between the two exports as a live server's would (events added to one
 * task, an earlier event of another changed, a task renamed, a task created, a task deleted), and the target ends
 * holding what the source holds, without duplicate events.
 */
@ExtendWith(SandboxExtension.class)
class DeltaExportImportTest {

    private static final List<String> EXPORTABLE = List.of("created", "stopped", "publishing", "published", "closed",
            "failed", "completed", "unknown");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aDeltaCarriesOnlyTheChangesAndImportAppliesThemOnTopOfTheBase(Sandbox source, @TargetServer Sandbox target)
            throws Exception {
        Stores stores = Stores.seeded(source, target);
        Path base = export(source, stores.company, "base");
        ok(importing(target, base));
        Changes changes = stores.changeSource();

        Path delta = export(source, stores.company, "delta", "--since", base.toString());

        DeltaInfo info = lineage(delta).delta();
        assertThat(info).isNotNull();
        assertThat(info.baseFile()).isEqualTo(base.getFileName().toString());
        assertThat(info.deleted(EntityKind.TASK)).containsExactly(changes.deleted);
        assertThat(info.events()).containsOnlyKeys(changes.appended, changes.edited, changes.created)
                .containsEntry(changes.appended, EventsChange.appendAfter(changes.appendedBaseCount))
                .containsEntry(changes.edited, EventsChange.REPLACE);
        assertThat(taskIds(delta)).containsExactlyInAnyOrder(changes.appended, changes.edited, changes.created,
                changes.renamed);

        CliRun inspected = CliRun.run("inspect", delta.toString());
        assertThat(inspected.output()).contains("ClearML's importer would delete the earlier events of 1 tasks whose"
                + " entry holds only events added since the base, and all events of 1 tasks changed without new events")
                .contains("1 entities deleted at the source are listed in metadata.json");

        CliRun reported = importing(target, delta);
        ok(reported);
        assertThat(reported.err()).contains("note: 1 entities deleted at the source were left on the target (give "
                + "--apply-deletes to delete them): task " + changes.deleted);
        for (String task : List.of(changes.appended, changes.edited, changes.created, changes.renamed)) {
            assertThat(stores.targetEvents(task)).as("events of " + task).isEqualTo(stores.sourceEvents(task));
        }
        assertThat(stores.targetTask(changes.renamed).getString("name")).endsWith(" (renamed)");
        assertThat(stores.targetTask(changes.deleted)).isNotNull();

        StoreSnapshot beforeApplied = snapshot(target);
        CliRun applied = importing(target, delta, "--apply-deletes", "--undo-log", dir.resolve("apply.undo.jsonl.gz").toString());
        ok(applied);
        assertThat(stores.targetTask(changes.deleted)).isNull();
        assertThat(stores.targetEvents(changes.deleted)).isEmpty();
        assertThat(stores.targetEvents(changes.appended)).as("a rerun appends nothing twice")
                .isEqualTo(stores.sourceEvents(changes.appended));

        CliRun undo = CliRun.run("undo", dir.resolve("apply.undo.jsonl.gz").toString(), "--mongo-host",
                target.mongoUri(), "--elastic-host", target.elasticUri().toString(), "--no-progress");
        ok(undo);
        assertThat(snapshot(target).differences(beforeApplied)).isEmpty();
    }

    @Test
    void aDeltaWhoseBaseWasNeverImportedIsRefusedInOneLineAndWritesNothing(Sandbox source, @TargetServer Sandbox target)
            throws Exception {
        Stores stores = Stores.seeded(source, target);
        Path base = export(source, stores.company, "base");
        stores.changeSource();
        Path delta = export(source, stores.company, "delta", "--since", base.toString());
        StoreSnapshot before = snapshot(target);

        CliRun refused = importing(target, delta);

        assertThat(refused.exitCode()).isEqualTo(ExitCode.CONFLICT.code());
        assertThat(refused.err().strip()).isEqualTo("clearml-migrate: " + delta.getFileName() + " is a delta of " + base.getFileName()
                + ", which was never imported into this target; import " + base.getFileName()
                + " (and the deltas after it, in order) first");
        assertThat(snapshot(target)).isEqualTo(before);
    }

    @Test
    void deltasChainEachOnThePreviousAndMustBeImportedInOrder(Sandbox source, @TargetServer Sandbox target)
            throws Exception {
        Stores stores = Stores.seeded(source, target);
        Path base = export(source, stores.company, "base");
        ok(importing(target, base));
        String task = stores.tasksWithMetricEvents().get(0);
        stores.addEvents(task, 2); // exported at once, maybe before the engine makes them searchable
        Path first = export(source, stores.company, "first", "--since", base.toString());
        long countAtBase = lineage(base).state().events().get(task).count();
        long countAtFirst = lineage(first).state().events().get(task).count();
        assertThat(eventsIn(first, task)).as("the entry holds exactly what the state counts")
                .isEqualTo(countAtFirst - countAtBase);
        stores.addEvents(task, 2);
        stores.sourceEvents(task); // searchable now
        Path second = export(source, stores.company, "second", "--since", first.toString());

        assertThat(lineage(second).delta().baseId()).isEqualTo(lineage(first).archiveId());
        assertThat(lineage(second).delta().events()).containsExactly(Map.entry(task,
                EventsChange.appendAfter(countAtFirst)));
        CliRun outOfOrder = importing(target, second);
        assertThat(outOfOrder.exitCode()).isEqualTo(ExitCode.CONFLICT.code());
        ok(importing(target, first));
        ok(importing(target, second));
        assertThat(stores.targetEvents(task)).isEqualTo(stores.sourceEvents(task));
    }

    @Test
    void aDeltaOfAnUnchangedSourceHoldsNoEntityAndNoDeletion(Sandbox source, @TargetServer Sandbox target)
            throws Exception {
        Stores stores = Stores.seeded(source, target);
        Path base = export(source, stores.company, "base");

        Path delta = export(source, stores.company, "delta", "--since", base.toString());

        DeltaInfo info = lineage(delta).delta();
        assertThat(info.deletedCount()).isZero();
        assertThat(info.events()).isEmpty();
        assertThat(taskIds(delta)).isEmpty();
        assertThat(lineage(delta).state()).isEqualTo(lineage(base).state());
    }

    private CliRun importing(Sandbox target, Path archive, String... flags) {
        List<String> args = new ArrayList<>(List.of("import", archive.toString(), "--company",
                FreshServer.TARGET_COMPANY, "--mongo-host", target.mongoUri(), "--elastic-host",
                target.elasticUri().toString(), "--no-progress"));
        args.addAll(List.of(flags));
        return CliRun.run(args.toArray(String[]::new));
    }

    private Path export(Sandbox source, String company, String name, String... flags) throws Exception {
        Path out = Files.createDirectories(dir.resolve(name));
        List<String> args = new ArrayList<>(List.of("export", "--all", "--company", company, "--include-archived",
                "--output", out.resolve(name + ".zip").toString(), "--mongo-host", source.mongoUri(),
                "--elastic-host", source.elasticUri().toString(), "--no-progress"));
        args.addAll(List.of(flags));
        args.add("--statuses");
        args.addAll(EXPORTABLE);
        ok(CliRun.run(args.toArray(String[]::new)));
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.toString().endsWith(".zip") && !p.toString().endsWith(".artifacts.zip"))
                    .findFirst().orElseThrow();
        }
    }

    private static void ok(CliRun run) {
        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    private static ArchiveLineage lineage(Path archive) {
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            return ArchiveLineage.of(reader.metadata().orElseThrow()).orElseThrow();
        }
    }

    private static long eventsIn(Path archive, String task) {
        long events = 0;
        try (ArchiveReader reader = ArchiveReader.open(archive); var entry = reader.events(task)) {
            while (entry.hasNext()) {
                entry.next();
                events++;
            }
        }
        return events;
    }

    private static List<String> taskIds(Path archive) {
        List<String> ids = new ArrayList<>();
        try (ArchiveReader reader = ArchiveReader.open(archive); var tasks = reader.entities(EntityKind.TASK)) {
            tasks.forEachRemaining(task -> ids.add(task.getString("_id")));
        }
        return ids;
    }

    private static StoreSnapshot snapshot(Sandbox target) {
        return StoreSnapshot.of(target.mongoUri(), target.elasticUri(), target.fileserverDir());
    }

    /** What the source changed between the two exports. */
    private record Changes(String appended, long appendedBaseCount, String edited, String renamed, String created,
            String deleted) {
    }

    /** Both servers as the test reads and changes them. */
    private static final class Stores {
        final Sandbox source;
        final Sandbox target;
        final String company;
        final EventStore sourceEvents;
        final EventStore targetEvents;

        private Stores(Sandbox source, Sandbox target, String company) {
            this.source = source;
            this.target = target;
            this.company = company;
            this.sourceEvents = store(source);
            this.targetEvents = store(target);
        }

        static Stores seeded(Sandbox source, Sandbox target) {
            source.reset();
            target.reset();
            FreshServer.initialize(target.mongoUri(), FreshServer.TARGET_COMPANY, "target");
            String company = new Seeder().seed(source.mongoUri(), source.elasticUri(), source.fileserverDir(),
                    source.fileserverUrl(), SeedSize.small()).companies().get(0);
            return new Stores(source, target, company);
        }

        private static EventStore store(Sandbox sandbox) {
            return new EventStore(new ElasticClient(new ElasticSettings(List.of(sandbox.elasticUri()), null, null)));
        }

        /** As a live server would: events added, an earlier one changed, a rename, a new task, a deletion. */
        Changes changeSource() {
            List<String> withEvents = tasksWithMetricEvents();
            String appended = withEvents.get(0);
            String edited = withEvents.get(1);
            String deleted = withEvents.get(2);
            String renamed = withEvents.get(3);
            long baseCount = sourceEvents(appended).size();
            try (MongoClient mongo = MongoClients.create(source.mongoUri())) {
                MongoCollection<Document> tasks = mongo.getDatabase("backend").getCollection("task");
                addEvents(appended, 3);
                touch(tasks, appended, "last_update");
                changeAnEarlierEvent(edited);
                touch(tasks, edited, "last_update");
                tasks.updateOne(Filters.eq("_id", renamed), Updates.combine(Updates.set("name",
                        tasks.find(Filters.eq("_id", renamed)).first().getString("name") + " (renamed)"),
                        Updates.set("last_change", new Date())));
                String created = createTask(tasks, renamed);
                sourceEvents.deleteTaskEvents(company, List.of(deleted));
                tasks.deleteOne(Filters.eq("_id", deleted));
                sourceEvents.refresh(EventIndexNames.allTypes(company));
                return new Changes(appended, baseCount, edited, renamed, created, deleted);
            }
        }

        List<String> tasksWithMetricEvents() {
            try (MongoClient mongo = MongoClients.create(source.mongoUri())) {
                List<String> ids = new ArrayList<>();
                mongo.getDatabase("backend").getCollection("task").find(Filters.and(Filters.eq("company", company),
                        Filters.in("status", EXPORTABLE))).forEach(task -> ids.add(task.getString("_id")));
                return ids.stream().sorted().filter(id -> sourceEvents.count(EventQuery.ofTasks(company, List.of(id))
                        .withTypes(Set.of(EventType.TRAINING_STATS_SCALAR))) > 0).toList();
            }
        }

        /** Log events after the task's newest, as a running task sends them (its stamp is left: the tally tells). */
        void addEvents(String task, int count) {
            long newest = sourceEvents(task).values().stream().mapToLong(e -> e.path("timestamp").asLong()).max()
                    .orElse(0);
            try (BulkWriter writer = sourceEvents.bulkWriter()) {
                for (int i = 1; i <= count; i++) {
                    ObjectNode log = JSON.createObjectNode().put("task", task).put("type", "log")
                            .put("timestamp", newest + i * 1000L).put("iter", 1000 + i).put("level", "info")
                            .put("msg", "added after the base " + i).put("worker", "w").put("metric", "")
                            .put("variant", "").put("model_event", false).put("company_id", company)
                            .put("@timestamp", "2026-01-01T00:00:0" + i + ".000Z");
                    writer.index(EventIndexNames.index(EventType.LOG, company),
                            UUID.randomUUID().toString().replace("-", ""), log);
                }
            }
        }

        /**
         * An earlier event sent again (same iteration, metric and variant, so the same id) with a new value, as the
         * SDK does when it reports an iteration twice: the engine overwrites it, stamped now.
         */
        private void changeAnEarlierEvent(String task) {
            long newest = sourceEvents(task).values().stream().mapToLong(e -> e.path("timestamp").asLong()).max()
                    .orElse(0);
            EventHit scalar;
            try (EventScroll scroll = sourceEvents.scroll(EventQuery.ofTasks(company, List.of(task))
                    .withTypes(Set.of(EventType.TRAINING_STATS_SCALAR)))) {
                scalar = scroll.next();
            }
            try (BulkWriter writer = sourceEvents.bulkWriter()) {
                writer.index(scalar.index(), scalar.id(), scalar.source().put("value", 12345.5)
                        .put("timestamp", newest + 5000));
            }
        }

        private String createTask(MongoCollection<Document> tasks, String like) {
            Document task = new Document(tasks.find(Filters.eq("_id", like)).first());
            String id = UUID.randomUUID().toString().replace("-", "");
            task.put("_id", id);
            task.put("name", "created after the base");
            task.put("created", new Date());
            task.put("last_update", new Date());
            tasks.insertOne(task);
            ObjectNode scalar = JSON.createObjectNode().put("task", id).put("type", "training_stats_scalar")
                    .put("timestamp", System.currentTimeMillis()).put("iter", 1).put("metric", "loss")
                    .put("variant", "train").put("value", 0.25).put("worker", "w").put("model_event", false)
                    .put("company_id", company).put("@timestamp", "2026-01-01T00:00:00.000Z");
            try (BulkWriter writer = sourceEvents.bulkWriter()) {
                writer.index(EventIndexNames.index(EventType.TRAINING_STATS_SCALAR, company),
                        EventIds.metricEventId(scalar), scalar);
                assertThat(writer.flush().failures()).isEmpty();
            }
            sourceEvents.refresh(EventIndexNames.allTypes(company));
            assertThat(sourceEvents.count(EventQuery.ofTasks(company, List.of(id)))).isEqualTo(1);
            return id;
        }

        private static void touch(MongoCollection<Document> tasks, String id, String field) {
            tasks.updateOne(Filters.eq("_id", id), Updates.set(field, new Date()));
        }

        /**
         * A task's events at the source, without {@code company_id}, keyed by content: log ids differ between the
         * servers (random at the source, positional on import).
         */
        Map<String, ObjectNode> sourceEvents(String task) {
            sourceEvents.refresh(EventIndexNames.allTypes(company));
            return events(sourceEvents, company, task);
        }

        /** A task's events at the target, as {@link #sourceEvents} keys them. */
        Map<String, ObjectNode> targetEvents(String task) {
            return events(targetEvents, FreshServer.TARGET_COMPANY, task);
        }

        Document targetTask(String id) {
            try (MongoClient mongo = MongoClients.create(target.mongoUri())) {
                return mongo.getDatabase("backend").getCollection("task").find(Filters.eq("_id", id)).first();
            }
        }

        private static Map<String, ObjectNode> events(EventStore store, String company, String task) {
            Map<String, ObjectNode> events = new HashMap<>();
            try (EventScroll scroll = store.scroll(EventQuery.ofTasks(company, List.of(task)))) {
                scroll.forEachRemaining(hit -> {
                    hit.source().remove("company_id");
                    String key = hit.source().path("type").asText() + "|" + hit.source();
                    int copy = 1;
                    while (events.containsKey(copy == 1 ? key : key + "#" + copy)) {
                        copy++; // a duplicate stays visible as a key of its own
                    }
                    events.put(copy == 1 ? key : key + "#" + copy, hit.source());
                });
            }
            return events;
        }
    }
}
