package clearml.migrate.importing;

import clearml.migrate.archive.ArchiveLimits;
import clearml.migrate.archive.ArchiveNaming;
import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.ArtifactsZip;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.events.EventType;
import clearml.migrate.importing.EventPreparation.PreparedEvent;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.Collections;
import clearml.migrate.progress.Progress;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.bson.Document;

/**
 * The writing half of an import, run once its plan is made. Order (data model §5.7, made restartable): users and
 * the owner; existing projects renamed; models; projects; then tasks in rounds of {@value #TASKS_PER_ROUND}: the
 * round's stored events are deleted, the archived events indexed and flushed, and only then are the task
 * documents written. So a task document present in the target always has all its events, and a rerun with
 * {@code --on-conflict skip} that skips it leaves nothing half done.
 */
final class ImportWriter {

    static final int TASKS_PER_ROUND = 100;

    /** ClearML's suffix for a renamed existing project, {@code _YYYY-mm-dd_HH-MM-SS} in UTC (data model §5.5). */
    private static final DateTimeFormatter RENAME_SUFFIX =
            DateTimeFormatter.ofPattern("'_'yyyy-MM-dd'_'HH-mm-ss").withZone(ZoneOffset.UTC);

    /** What the writes did besides the plan's entity counts. */
    record Outcome(long usersCreated, long usersMatched, long linksRewritten, long artifactFiles) {

        static Outcome planned(ImportPlan plan) {
            UserPlan users = plan.users;
            long created = (users == null ? 0 : users.authToCreate().size()) + (plan.createOwner ? 1 : 0);
            long matched = users == null ? 0 : users.matchedByEmail() + users.alreadyThere();
            return new Outcome(created, matched, 0, 0);
        }
    }

    private final ClearmlMongo mongo;
    private final EventSink events;
    private final Clock clock;
    private final ImportPlan plan;
    private final ImportSettings settings;
    private final EntityPreparation entities;
    private final EventPreparation eventPreparation;

    ImportWriter(ClearmlMongo mongo, EventSink events, Clock clock, ImportPlan plan, ImportSettings settings) {
        this.mongo = mongo;
        this.events = events;
        this.clock = clock;
        this.plan = plan;
        this.settings = settings;
        this.entities = new EntityPreparation(plan, new LegacyUpgrades(Date.from(clock.instant())), settings.urlMap());
        this.eventPreparation = new EventPreparation(plan.ids, plan.owners.company(), settings.urlMap(), clock);
    }

    Outcome write(ArchiveReader reader, ArchiveScan scan, Progress progress) {
        writeUsers();
        renameExistingProjects();
        writeEntities(reader, EntityKind.MODEL, Collections.MODEL, entities::model, progress);
        writeEntities(reader, EntityKind.PROJECT, Collections.PROJECT, entities::project, progress);
        writeTasksWithEvents(reader, scan, progress);
        long files = extractArtifacts();
        Outcome planned = Outcome.planned(plan);
        return new Outcome(planned.usersCreated(), planned.usersMatched(),
                entities.linksRewritten() + eventPreparation.linksRewritten(), files);
    }

    private void writeUsers() {
        DocumentBatch backend = new DocumentBatch(mongo, mongo.backend().getCollection(Collections.USER));
        UserPlan users = plan.users;
        if (users != null) {
            DocumentBatch auth = new DocumentBatch(mongo, mongo.auth().getCollection(Collections.USER));
            users.authToCreate().forEach(auth::replace);
            auth.flush();
            users.backendToCreate().forEach(backend::replace);
        }
        if (plan.createOwner) {
            // As ClearML: a minimal backend user, no auth user (data model §5.1).
            backend.replace(new Document("_id", plan.owners.ownerId()).append("name", plan.owners.ownerName())
                    .append("company", plan.owners.company()));
        }
        backend.flush();
    }

    private void renameExistingProjects() {
        String suffix = RENAME_SUFFIX.format(clock.instant());
        var projects = mongo.backend().getCollection(Collections.PROJECT);
        for (String id : plan.projectsToRename) {
            Document existing = mongo.translate(() -> projects.find(Filters.eq("_id", id)).first());
            if (existing != null) {
                String renamed = existing.get("name") + suffix;
                mongo.translate(() -> projects.updateOne(Filters.eq("_id", id), Updates.set("name", renamed)));
            }
        }
    }

    private void writeEntities(ArchiveReader reader, EntityKind kind, String collection,
            UnaryOperator<Document> prepare, Progress progress) {
        progress.start("import " + kind.name().toLowerCase(java.util.Locale.ROOT) + "s", plan.counts(kind).total());
        DocumentBatch batch = new DocumentBatch(mongo, mongo.backend().getCollection(collection));
        try (CloseableIterator<Document> documents = reader.entities(kind)) {
            while (documents.hasNext()) {
                Document document = documents.next();
                if (writes(plan.action(kind, String.valueOf(document.get("_id"))))) {
                    batch.replace(prepare.apply(document));
                }
                progress.advance(1);
            }
        }
        batch.flush();
        progress.finish();
    }

    private void writeTasksWithEvents(ArchiveReader reader, ArchiveScan scan, Progress progress) {
        progress.start("import tasks and events", totalTaskUnits(scan));
        prepareIndices(scan);
        DocumentBatch batch = new DocumentBatch(mongo, mongo.backend().getCollection(Collections.TASK));
        List<RoundTask> round = new ArrayList<>(TASKS_PER_ROUND);
        try (CloseableIterator<Document> tasks = reader.entities(EntityKind.TASK)) {
            while (tasks.hasNext()) {
                Document task = tasks.next();
                String archivedId = String.valueOf(task.get("_id"));
                if (writes(plan.action(EntityKind.TASK, archivedId))) {
                    round.add(new RoundTask(archivedId, entities.task(task)));
                } else {
                    progress.advance(1);
                }
                if (round.size() >= TASKS_PER_ROUND) {
                    writeRound(reader, round, batch, progress);
                }
            }
        }
        writeRound(reader, round, batch, progress);
        progress.finish();
    }

    private void writeRound(ArchiveReader reader, List<RoundTask> round, DocumentBatch batch, Progress progress) {
        if (round.isEmpty()) {
            return;
        }
        events.deleteTaskEvents(plan.owners.company(), round.stream().map(i -> plan.ids.task(i.archivedId())).toList());
        for (RoundTask item : round) {
            indexEvents(reader, item.archivedId(), progress);
        }
        events.flush();
        for (RoundTask item : round) {
            batch.replace(item.document());
            progress.advance(1);
        }
        batch.flush();
        round.clear();
    }

    private void indexEvents(ArchiveReader reader, String archivedTaskId, Progress progress) {
        long position = 0;
        try (CloseableIterator<ObjectNode> archived = reader.events(archivedTaskId)) {
            while (archived.hasNext()) {
                PreparedEvent event = eventPreparation.prepare(archivedTaskId, position++, archived.next());
                events.index(event.index(), event.id(), event.source());
                progress.advance(1);
            }
        }
    }

    private void prepareIndices(ArchiveScan scan) {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        scan.taskIds().stream().filter(id -> writes(plan.action(EntityKind.TASK, id)))
                .forEach(id -> types.addAll(scan.events(id).keySet()));
        types.forEach(type -> events.prepare(type, plan.owners.company()));
    }

    private long totalTaskUnits(ArchiveScan scan) {
        long units = 0;
        for (String id : scan.taskIds()) {
            units += 1 + (writes(plan.action(EntityKind.TASK, id))
                    ? scan.events(id).values().stream().mapToLong(Long::longValue).sum() : 0);
        }
        return units;
    }

    private long extractArtifacts() {
        Path target = settings.artifactsTo();
        Path companion = ArchiveNaming.artifacts(settings.archive());
        if (target == null || !Files.isRegularFile(companion)) {
            return 0;
        }
        return ArtifactsZip.extract(companion, target, ArchiveLimits.defaults()).size();
    }

    private static boolean writes(EntityAction action) {
        return action == EntityAction.CREATE || action == EntityAction.OVERWRITE;
    }

    /** A task of the current round, its prepared document held until its events are stored. */
    private record RoundTask(String archivedId, Document document) {
    }
}
