package clearml.migrate.importing;

import clearml.migrate.archive.ArchivedEvent;
import clearml.migrate.archive.ArchiveContent;
import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.events.EventType;
import clearml.migrate.importing.EventPreparation.PreparedEvent;
import clearml.migrate.importing.StatisticsMerge.Change;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.SaveDefaults;
import clearml.migrate.mongo.ServerGeneration;
import clearml.migrate.progress.Progress;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * An archive's import planned against a target, with the import's own rules for what it writes: each archived
 * document prepared (legacy upgrades, ids, owner and company, {@code --url-map}; {@link EntityPreparation}), the
 * entity's events normalised and folded into the statistics the target's server line keeps
 * ({@link EventStatistics}), and the document finished with those statistics ({@link StatisticsMerge}) and the
 * defaults ClearML fills on save ({@link SaveDefaults}); a delta's appended events are not folded
 * ({@link EventModes}). The import writes through it and {@code verify} expects through it, so the two cannot
 * drift. The clock is the import's: it stamps legacy model entries of tasks without
 * dates and events without a timestamp.
 */
public final class PlannedImport {

    private final ImportPlan plan;
    private final ServerGeneration generation;
    private final EntityPreparation entities;
    private final EventPreparation events;
    private final EventModes modes;

    PlannedImport(ImportPlan plan, ImportSettings settings, ServerGeneration generation, Clock clock,
            EventModes modes) {
        this.plan = plan;
        this.modes = modes;
        this.generation = generation;
        this.entities = new EntityPreparation(plan, new LegacyUpgrades(Date.from(clock.instant())), settings.urlMap());
        this.events = new EventPreparation(plan.owners.company(), generation, settings.urlMap(), clock);
    }

    /**
     * Plans the import of {@code reader}'s archive with {@code settings} against {@code target} as it is now: after
     * that import, the same ids, owners, user mapping and project merges come out (data model §5.1–§5.3), which is
     * what {@code verify} needs. Reads the archive's entities once, not its events.
     */
    public static PlannedImport replay(ArchiveContent reader, ImportSettings settings, ClearmlMongo target,
            ServerGeneration generation, Clock clock, Progress progress) {
        return replay(reader, settings, new MongoTargetLookup(target), generation, clock, progress);
    }

    /** As {@link #replay(ArchiveContent, ImportSettings, ClearmlMongo, ServerGeneration, Clock, Progress)}, for a
     * target read through any adapter of the target port. */
    public static PlannedImport replay(ArchiveContent reader, ImportSettings settings, TargetLookup target,
            ServerGeneration generation, Clock clock, Progress progress) {
        ImportPlan plan = ImportPlan.make(ArchiveScan.entitiesOf(reader, progress), settings, target);
        return new PlannedImport(plan, settings, generation, clock, EventModes.of(reader));
    }

    /**
     * Plans an import of {@code reader}'s archive through any adapter of the target port: reads and validates the
     * whole archive first, events included, as {@link Importer} does, so bad input stops before any write.
     */
    public static PlannedImport forImport(ArchiveContent reader, ImportSettings settings, TargetLookup target,
            ServerGeneration generation, Clock clock, Progress progress) {
        ImportPlan plan = ImportPlan.make(ArchiveScan.of(reader, progress), settings, target);
        return new PlannedImport(plan, settings, generation, clock, EventModes.of(reader));
    }

    /** What the plan does with the archived entity {@code archivedId} of {@code kind}. */
    public EntityAction action(EntityKind kind, String archivedId) {
        return plan.action(kind, archivedId);
    }

    /** How many entities of {@code kind} the plan creates, overwrites, merges and skips. */
    public EntityCounts counts(EntityKind kind) {
        return plan.counts(kind);
    }

    /** What the plan found worth telling the user. */
    public List<String> notices() {
        return plan.notices;
    }

    /** An empty fold of the statistics a server keeps from a task's (or model's) events. */
    public EventStatistics newStatistics(EntityKind kind) {
        return statistics(kind);
    }

    /**
     * One archived event as a server's API takes it: normalised, folded into {@code statistics}, links rewritten
     * by {@code --url-map}; not compressed and without an id, which the server makes itself (data model §2.4–2.5).
     */
    public ObjectNode eventForApi(String targetId, ObjectNode event, EventStatistics statistics) {
        return events.forApi(targetId, event, statistics);
    }

    /** The document the import leaves for {@code prepared}: with its events' statistics and the save defaults. */
    public Document finished(EntityKind kind, Document prepared, @Nullable EventStatistics statistics) {
        return finish(kind, prepared, statistics).document();
    }

    /** The company and owners the import gives entities. */
    public OwnerResolution owners() {
        return plan.owners;
    }

    /** The target id of each archived project, task and model. */
    public IdPlan ids() {
        return plan.ids;
    }

    /** The archived projects merged into a target project of the same name: nothing of theirs is written. */
    public Set<String> mergedProjects() {
        return plan.projects.entrySet().stream().filter(e -> e.getValue() == EntityAction.MERGE)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /** The auth users of {@code users.json} the import brought in; empty without {@code --users}. */
    public List<String> archivedUsers() {
        UserPlan users = plan.users;
        return users == null ? List.of() : List.copyOf(users.mapping().keySet());
    }

    /** The server line whose statistics and defaults the import writes. */
    public ServerGeneration generation() {
        return generation;
    }

    /** The archived document as the import prepares it before its events are read; changed in place. */
    public Document prepare(EntityKind kind, Document archived) {
        return switch (kind) {
            case PROJECT -> entities.project(archived);
            case TASK -> entities.task(archived);
            case MODEL -> entities.model(archived);
        };
    }

    /**
     * The document the import leaves for an archived one: prepared, with the statistics of its archived events
     * unless a delta appends them, and the save defaults. Reads the entity's events once; {@code perEvent} sees
     * the type of each.
     */
    public Document expected(ArchiveContent reader, EntityKind kind, Document archived, Consumer<EventType> perEvent) {
        return expected(reader, kind, archived, event -> { }, perEvent);
    }

    /** The same; {@code perArchivedEvent} sees each archived event as the archive holds it, before the type. */
    public Document expected(ArchiveContent reader, EntityKind kind, Document archived,
            Consumer<ObjectNode> perArchivedEvent, Consumer<EventType> perEvent) {
        String archivedId = String.valueOf(archived.get("_id"));
        Document prepared = prepare(kind, archived);
        if (kind == EntityKind.PROJECT) {
            return finish(kind, prepared, null).document();
        }
        EventStatistics statistics = statistics(kind);
        String targetId = String.valueOf(prepared.get("_id"));
        try (CloseableIterator<ObjectNode> archivedEvents = reader.events(archivedId)) {
            archivedEvents.forEachRemaining(event -> {
                perArchivedEvent.accept(event);
                perEvent.accept(events.observe(targetId, event, statistics));
            });
        }
        return finish(kind, prepared, modes.foldsStatistics(archivedId) ? statistics : null).document();
    }

    /** A document finished, and what happened to each of its statistics fields. */
    record Finished(Document document, Map<String, Change> statistics) {
    }

    /** An empty statistics accumulator for one archived task or model. */
    EventStatistics statistics(EntityKind kind) {
        return new EventStatistics(generation, kind == EntityKind.MODEL);
    }

    /** One archived event prepared for the target and folded into {@code statistics}. */
    PreparedEvent prepareEvent(String targetId, long position, ArchivedEvent event, EventStatistics statistics) {
        return events.prepare(targetId, position, event, statistics);
    }

    /** Merges the statistics of the entity's events (when read) and fills the save defaults, in place. */
    Finished finish(EntityKind kind, Document prepared, @Nullable EventStatistics statistics) {
        Map<String, Change> changes = statistics == null ? Map.of()
                : StatisticsMerge.apply(prepared, statistics, kind == EntityKind.TASK);
        switch (kind) {
            case PROJECT -> SaveDefaults.project(prepared);
            case TASK -> SaveDefaults.task(prepared, generation);
            case MODEL -> SaveDefaults.model(prepared, generation);
        }
        return new Finished(prepared, changes);
    }

    /** URLs rewritten so far, in documents and events. */
    long linksRewritten() {
        return entities.linksRewritten() + events.linksRewritten();
    }

    ImportPlan plan() {
        return plan;
    }
}
