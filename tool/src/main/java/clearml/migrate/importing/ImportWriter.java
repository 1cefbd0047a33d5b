package clearml.migrate.importing;

import clearml.migrate.archive.ArchiveLimits;
import clearml.migrate.archive.ArchiveContent;
import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.events.EventType;
import clearml.migrate.files.ArtifactPlacer;
import clearml.migrate.files.FileStore;
import clearml.migrate.files.PlacementReport;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.Collections;
import clearml.migrate.mongo.SaveDefaults;
import clearml.migrate.progress.Progress;
import clearml.migrate.undo.UndoJournal;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The writing half of an import, run once its plan is made. Order (data model §5.7, made restartable): users and
 * the owner; existing projects renamed; models; projects; tasks. Models and tasks go in rounds
 * ({@link EntityRound}): the round's changed events are replaced and answered, and only then are the documents
 * written (while the next round's events flow). So a task document present in the target always has all its events, and a rerun with
 * {@code --on-conflict skip} that skips it leaves nothing half done. The statistics of each task and model are
 * folded while its events stream by, and put on its document before the document is written: one read of the
 * events. What the target holds already as the import would write it is left alone and counted as unchanged.
 */
final class ImportWriter {

    /** ClearML's suffix for a renamed existing project, {@code _YYYY-mm-dd_HH-MM-SS} in UTC (data model §5.5). */
    private static final DateTimeFormatter RENAME_SUFFIX =
            DateTimeFormatter.ofPattern("'_'yyyy-MM-dd'_'HH-mm-ss").withZone(ZoneOffset.UTC);

    /**
     * What the writes did besides the plan's entity counts; statistics per {@code kind.field}; per kind
     * ({@code project}, {@code task}, {@code model}, {@code user}, {@code event}, {@code file}) what the target
     * held already as the import would write it, and was left alone.
     */
    record Outcome(long usersCreated, long usersMatched, long linksRewritten, long artifactFiles,
            Map<String, StatisticsCount> statistics, Map<String, Long> unchanged) {

        static Outcome planned(ImportPlan plan) {
            UserPlan users = plan.users;
            long created = (users == null ? 0 : users.authToCreate().size()) + (plan.createOwner ? 1 : 0);
            long matched = users == null ? 0 : users.matchedByEmail() + users.alreadyThere();
            return new Outcome(created, matched, 0, 0, Map.of(), Map.of());
        }
    }

    private final ClearmlMongo mongo;
    private final EventSink events;
    private final Clock clock;
    private final ImportPlan plan;
    private final PlannedImport planned;
    private final ImportSettings settings;
    private final @Nullable FileStore artifacts;
    private final UndoJournal journal;
    private final Map<String, StatisticsCount> statistics = new TreeMap<>();
    private final Map<String, Long> unchanged = new TreeMap<>();
    private final EventModes modes;

    ImportWriter(ClearmlMongo mongo, EventSink events, Clock clock, PlannedImport planned, ImportSettings settings,
            @Nullable FileStore artifacts, UndoJournal journal) {
        this(mongo, events, clock, planned, settings, artifacts, journal, new EventModes(null));
    }

    /** A writer of a delta archive, whose events meet the stored ones as {@code modes} says. */
    ImportWriter(ClearmlMongo mongo, EventSink events, Clock clock, PlannedImport planned, ImportSettings settings,
            @Nullable FileStore artifacts, UndoJournal journal, EventModes modes) {
        this.modes = modes;
        this.artifacts = artifacts;
        this.journal = journal;
        this.mongo = mongo;
        this.events = events;
        this.clock = clock;
        this.plan = planned.plan();
        this.planned = planned;
        this.settings = settings;
    }

    Outcome write(ArchiveContent reader, ArchiveScan scan, Progress progress) {
        writeUsers();
        renameExistingProjects();
        writeWithEvents(reader, scan, EntityKind.MODEL, Collections.MODEL, plan.ids::model, progress);
        writeEntities(reader, EntityKind.PROJECT, Collections.PROJECT, progress);
        writeWithEvents(reader, scan, EntityKind.TASK, Collections.TASK, plan.ids::task, progress);
        long files = placeArtifacts(progress);
        Outcome counts = Outcome.planned(plan);
        return new Outcome(counts.usersCreated(), counts.usersMatched(), planned.linksRewritten(), files,
                statistics, unchanged);
    }

    private void writeUsers() {
        DocumentBatch backend = new DocumentBatch(mongo, journal, mongo.backend().getCollection(Collections.USER));
        UserPlan users = plan.users;
        if (users != null) {
            DocumentBatch auth = new DocumentBatch(mongo, journal, mongo.auth().getCollection(Collections.USER));
            users.authToCreate().forEach(auth::replace);
            auth.flush();
            unchanged.put("user", auth.unchanged());
            users.backendToCreate().forEach(backend::replace);
        }
        if (plan.createOwner) {
            // As ClearML: a minimal backend user, no auth user (data model §5.1).
            backend.replace(SaveDefaults.backendUser(new Document("_id", plan.owners.ownerId())
                    .append("name", plan.owners.ownerName()).append("company", plan.owners.company())));
        }
        backend.flush();
    }

    private void renameExistingProjects() {
        String suffix = RENAME_SUFFIX.format(clock.instant());
        MongoCollection<Document> projects = mongo.backend().getCollection(Collections.PROJECT);
        for (String id : plan.projectsToRename) {
            Document existing = mongo.retrying(() -> projects.find(Filters.eq("_id", id)).first());
            if (existing != null) {
                String renamed = existing.get("name") + suffix;
                journal.fieldChange(Collections.BACKEND_DB, Collections.PROJECT, id, "name", existing.get("name"), renamed);
                journal.flush();
                mongo.retrying(() -> projects.updateOne(Filters.eq("_id", id), Updates.set("name", renamed)));
            }
        }
    }

    private void writeEntities(ArchiveContent reader, EntityKind kind, String collection, Progress progress) {
        progress.start("import " + kind.name().toLowerCase(Locale.ROOT) + "s", plan.counts(kind).total());
        DocumentBatch batch = new DocumentBatch(mongo, journal, mongo.backend().getCollection(collection));
        try (CloseableIterator<Document> documents = reader.entities(kind)) {
            while (documents.hasNext()) {
                Document document = documents.next();
                if (writes(plan.action(kind, String.valueOf(document.get("_id"))))) {
                    batch.replace(planned.finish(kind, planned.prepare(kind, document), null).document());
                }
                progress.advance(1);
            }
        }
        batch.flush();
        unchanged.put(kind.name().toLowerCase(Locale.ROOT), batch.unchanged());
        progress.finish();
    }

    /**
     * Writes tasks, or models, in rounds ({@link EntityRound}): the round's changed events are replaced and
     * answered, and only then are its documents written. Models carry events only in archives of this tool, which exports
     * model events under the model id (ClearML's importer ignores them, data model §2.6).
     */
    private void writeWithEvents(ArchiveContent reader, ArchiveScan scan, EntityKind kind, String collection,
            UnaryOperator<String> targetId, Progress progress) {
        List<String> archivedIds = kind == EntityKind.TASK ? scan.taskIds() : scan.modelIds();
        progress.start("import " + kind.name().toLowerCase(Locale.ROOT) + "s and their events", "events",
                totalEvents(scan, kind, archivedIds), -1);
        prepareIndices(scan, kind, archivedIds);
        DocumentBatch documents = new DocumentBatch(mongo, journal, mongo.backend().getCollection(collection));
        EntityRound round = new EntityRound(new EntityRound.Target(events, journal, planned, scan, plan.owners.company(),
                modes),
                kind, documents, targetId, (document, statistics) -> finish(kind, document, statistics));
        try (CloseableIterator<Document> entities = reader.entities(kind)) {
            while (entities.hasNext()) {
                Document document = entities.next();
                String archivedId = String.valueOf(document.get("_id"));
                if (writes(plan.action(kind, archivedId)) && round.add(archivedId, planned.prepare(kind, document))) {
                    round.write(reader, progress);
                }
            }
        }
        round.write(reader, progress);
        round.finish();
        unchanged.merge(kind.name().toLowerCase(Locale.ROOT), documents.unchanged(), Long::sum);
        unchanged.merge("event", round.eventsUnchanged(), Long::sum);
        progress.finish();
    }

    /** The entity's document with its statistics and save defaults; the statistics changes are counted. */
    private Document finish(EntityKind kind, Document prepared, @Nullable EventStatistics events) {
        PlannedImport.Finished finished = planned.finish(kind, prepared, events);
        String prefix = kind.name().toLowerCase(Locale.ROOT) + ".";
        finished.statistics().forEach((field, change) -> statistics.put(prefix + field,
                statistics.getOrDefault(prefix + field, StatisticsCount.NONE).plus(change)));
        return finished.document();
    }

    private void prepareIndices(ArchiveScan scan, EntityKind kind, List<String> archivedIds) {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        archivedIds.stream().filter(id -> writes(plan.action(kind, id)))
                .forEach(id -> types.addAll(scan.events(id).keySet()));
        types.forEach(type -> events.prepare(type, plan.owners.company()));
    }

    private long totalEvents(ArchiveScan scan, EntityKind kind, List<String> archivedIds) {
        long events = 0;
        for (String id : archivedIds) {
            events += writes(plan.action(kind, id)) ? scan.events(id).values().stream().mapToLong(Long::longValue).sum() : 0;
        }
        return events;
    }

    /** The companion's files, put where the target's file server serves them (data model §3.10, §5.7 step 5). */
    private long placeArtifacts(Progress progress) {
        FileStore target = artifacts;
        if (target == null) {
            return 0;
        }
        return ArtifactPlacer.companionOf(settings.archive())
                .map(companion -> {
                    journalFiles(companion, target);
                    PlacementReport placed = new ArtifactPlacer(ArchiveLimits.defaults())
                            .place(companion, target, settings.artifactsLayout(), plan.owners.company(), progress);
                    unchanged.put("file", placed.unchanged());
                    return placed.files();
                })
                .orElse(0L);
    }

    /**
     * Every file the placement is about to write, and a copy of each it replaces, before it writes any. A file the
     * target holds already with the same bytes is left alone by the placement, so it is not journalled: a rerun of
     * the same import keeps no copies.
     */
    private void journalFiles(Path companion, FileStore target) {
        new ArtifactPlacer(ArchiveLimits.defaults())
                .changes(companion, target, settings.artifactsLayout(), plan.owners.company())
                .forEach(path -> journal.filePlaced(target, path));
        journal.flush();
    }

    private static boolean writes(EntityAction action) {
        return action == EntityAction.CREATE || action == EntityAction.OVERWRITE;
    }
}
