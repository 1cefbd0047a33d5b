package clearml.migrate.importing;

import clearml.migrate.archive.ArchiveContent;
import clearml.migrate.archive.ArchiveLimits;
import clearml.migrate.archive.ArchiveLineage;
import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.DeltaInfo;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.events.BulkOptions;
import clearml.migrate.events.EventStore;
import clearml.migrate.events.EventType;
import clearml.migrate.failures.NotAClearmlStoreException;
import clearml.migrate.files.ArtifactPlacer;
import clearml.migrate.files.FileStore;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.ClearmlVersion;
import clearml.migrate.mongo.ServerGeneration.Recognition;
import clearml.migrate.progress.Progress;
import clearml.migrate.undo.JournalRecord.Header;
import clearml.migrate.undo.UndoJournal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The import use case: reads and validates a whole archive, plans ids, owners and conflicts against the target,
 * then streams entities into MongoDB and events into the event store (data model §5). Nothing is written before
 * the plan is made, so a bad archive or a refused conflict leaves the target untouched; every write is a
 * replace-by-id or a delete-then-index of one task's events, so an interrupted import that is run again ends in
 * the state of an uninterrupted one.
 */
public final class Importer {

    private final ClearmlMongo mongo;
    private final EventSink events;
    private final Clock clock;
    private final @Nullable FileStore artifacts;

    /** An importer into the target whose stores the caller opened and will close; no file server. */
    public Importer(ClearmlMongo mongo, EventStore events, BulkOptions bulk, Clock clock) {
        this(mongo, new StoreEventSink(events, bulk), clock, null);
    }

    /** An importer that also places the {@code .artifacts} companion's files on {@code artifacts}. */
    public Importer(ClearmlMongo mongo, EventStore events, BulkOptions bulk, Clock clock, FileStore artifacts) {
        this(mongo, new StoreEventSink(events, bulk), clock, artifacts);
    }

    Importer(ClearmlMongo mongo, EventSink events, Clock clock, @Nullable FileStore artifacts) {
        this.mongo = mongo;
        this.events = events;
        this.clock = clock;
        this.artifacts = artifacts;
    }

    /** Imports (or with {@code dryRun} plans) the archive of {@code settings}. */
    public ImportReport run(ImportSettings settings, Progress progress) {
        requireClearmlTarget();
        try (ArchiveReader reader = ArchiveReader.open(settings.archive())) {
            return write(reader, settings, ImportSteps.NONE, progress);
        }
    }

    /**
     * Imports {@code content} (for {@code copy}: an export read live, {@code settings.archive()} then only names the
     * run); {@code steps} run inside this import's journal (events moved apart, a sync's state).
     */
    public ImportReport run(ArchiveContent content, ImportSettings settings, ImportSteps steps,
            Progress progress) {
        requireClearmlTarget();
        return write(content, settings, steps, progress);
    }

    private ImportReport write(ArchiveContent reader, ImportSettings settings, ImportSteps steps,
            Progress progress) {
        try (EventSink sink = events) {
            ArchiveLineage lineage = reader.metadata().flatMap(ArchiveLineage::of).orElse(null);
            ImportedArchives imported = new ImportedArchives(mongo);
            if (lineage != null) {
                imported.requireBase(lineage, settings.archive());
            }
            ArchiveScan scan = ArchiveScan.of(reader, progress);
            checkCompanion(settings);
            Recognition line = serverLine(settings);
            DeltaInfo delta = lineage == null ? null : lineage.delta();
            PlannedImport planned = new PlannedImport(ImportPlan.make(scan, settings, new MongoTargetLookup(mongo)),
                    settings, line.generation(), clock, new EventModes(delta));
            ImportPlan plan = planned.plan();
            // MongoDB is written first: an engine that refuses the login must stop the import before that.
            events.requireEngine();
            if (settings.dryRun()) {
                return report(settings, scan, plan, ImportWriter.Outcome.planned(plan), line, null,
                        deltaNotices(delta, settings, 0));
            }
            Path journalFile = settings.undoJournal();
            try (UndoJournal journal = UndoJournal.create(journalFile, header(settings))) {
                steps.beforeDocuments(imported(scan, plan), plan.owners.company(), journal);
                ImportWriter writer = new ImportWriter(mongo, events, clock, planned, settings, artifacts, journal,
                        steps.movesEvents() ? EventModes.LEFT_ALONE : new EventModes(delta));
                ImportWriter.Outcome outcome = writer.write(reader, scan, progress);
                long deleted = delta != null && appliesDeletes(settings)
                        ? new DeltaDeletes(mongo, events, journal).apply(delta, plan.owners.company()) : 0;
                if (lineage != null) {
                    imported.record(lineage, settings.archive(), plan.owners.company(), journal, clock);
                }
                steps.afterWrites(plan.owners.company(), journal);
                ImportReport report = report(settings, scan, plan, outcome, line, journalFile,
                        deltaNotices(delta, settings, deleted));
                journal.commit(clock);
                return report;
            }
        }
    }

    /** The archived ids of the tasks and models the plan writes (the target's, as only kept ids move apart). */
    private static List<String> imported(ArchiveScan scan, ImportPlan plan) {
        List<String> ids = new ArrayList<>();
        scan.taskIds().stream().filter(id -> plan.action(EntityKind.TASK, id) != EntityAction.SKIP).forEach(ids::add);
        scan.modelIds().stream().filter(id -> plan.action(EntityKind.MODEL, id) != EntityAction.SKIP)
                .forEach(ids::add);
        return ids;
    }

    /**
     * Refuses a MongoDB without ClearML's database, dry run or not: a ClearML server started on it later finds no
     * schema-migration records and runs every migration over the imported data (data model §8.2).
     */
    private void requireClearmlTarget() {
        try {
            mongo.requireClearml();
        } catch (NotAClearmlStoreException e) {
            // No cause: the command line would print its message, a copy of this one's start, once more.
            throw new NotAClearmlStoreException(e.getMessage() + ", or, for a new server, start ClearML on it once so "
                    + "that it creates its database, then import");
        }
    }

    /** The server line whose statistics the import writes: {@code --target-version}, else the target's stores. */
    private Recognition serverLine(ImportSettings settings) {
        ClearmlVersion version = settings.targetVersion();
        return version != null ? new Recognition(version.generation(), "--target-version " + version)
                : mongo.serverGeneration();
    }

    // The placer checks again as it places, but only after the entities are written: a hostile companion must
    // stop the import before anything is.
    private void checkCompanion(ImportSettings settings) {
        if (artifacts != null) {
            ArtifactPlacer.companionOf(settings.archive())
                    .ifPresent(companion -> new ArtifactPlacer(ArchiveLimits.defaults()).check(companion));
        }
    }

    /** What the journal says about this import; no secret is among the settings. */
    private Header header(ImportSettings settings) {
        return new Header("import", JournalledSettings.of(settings).flags(), clock.instant());
    }

    /** Deletions are applied when asked for and the copies keep the archived ids. */
    private static boolean appliesDeletes(ImportSettings settings) {
        return settings.applyDeletes() && !settings.newIds();
    }

    /** What the report says about a delta: its base, and the deletions applied or only listed. */
    private static List<String> deltaNotices(@Nullable DeltaInfo delta, ImportSettings settings, long deleted) {
        if (delta == null) {
            return List.of();
        }
        List<String> notices = new ArrayList<>();
        notices.add("a delta of " + delta.baseFile() + ": events appended to " + delta.events().values().stream()
                .filter(DeltaInfo.EventsChange::append).count() + " tasks and models, replaced in "
                + delta.events().values().stream().filter(change -> !change.append()).count());
        long listed = delta.deletedCount();
        if (listed > 0 && appliesDeletes(settings) && !settings.dryRun()) {
            notices.add(listed + " entities deleted at the source; " + deleted + " of them were on the target and"
                    + " were deleted with their events");
        } else if (listed > 0) {
            notices.add(listed + " entities deleted at the source were left on the target ("
                    + (settings.newIds() ? "--new-ids copies do not keep the source's ids" : "give --apply-deletes"
                    + " to delete them") + "): " + String.join(", ", firstDeleted(delta)));
        }
        return notices;
    }

    private static List<String> firstDeleted(DeltaInfo delta) {
        List<String> named = new ArrayList<>();
        for (EntityKind kind : EntityKind.values()) {
            delta.deleted(kind).forEach(id -> named.add(kind.name().toLowerCase(Locale.ROOT) + " " + id));
        }
        return named.size() <= 10 ? named : List.of(String.join(", ", named.subList(0, 10)) + ", …");
    }

    private static ImportReport report(ImportSettings settings, ArchiveScan scan, ImportPlan plan,
            ImportWriter.Outcome outcome, Recognition line, @Nullable Path undoJournal, List<String> deltaNotices) {
        Map<String, EntityCounts> entities = new TreeMap<>();
        Map<String, Long> unchanged = new TreeMap<>();
        outcome.unchanged().forEach((kind, count) -> unchanged.put(kind + "s", count));
        for (EntityKind kind : EntityKind.values()) {
            String name = kind.name().toLowerCase(Locale.ROOT);
            entities.put(name, plan.counts(kind).lessUnchanged(unchanged.getOrDefault(name + "s", 0L)));
        }
        Map<String, Long> events = new TreeMap<>();
        long skipped = 0;
        for (EntityKind kind : List.of(EntityKind.TASK, EntityKind.MODEL)) {
            skipped += countEvents(scan, plan, kind, events);
        }
        for (String orphan : scan.orphanEventTasks()) {
            skipped += scan.events(orphan).values().stream().mapToLong(Long::longValue).sum();
        }
        List<String> notices = new ArrayList<>(plan.notices);
        notices.addAll(deltaNotices);
        notices.add("statistics as a ClearML " + line.generation() + " server keeps them (" + line.reason()
                + "; --target-version VERSION overrides)");
        if (!scan.orphanEventTasks().isEmpty()) {
            notices.add(scan.orphanEventTasks().size() + " events entries belong to no task or model of the archive;"
                    + " their events were not imported");
        }
        return new ImportReport(settings.archive(), plan.owners.company(), plan.owners.ownerId(), settings.dryRun(),
                entities, events, skipped, outcome.usersCreated(), outcome.usersMatched(),
                plan.projectsToRename.size(), outcome.linksRewritten(), outcome.artifactFiles(),
                outcome.statistics(), line.generation().toString(), notices, undoJournal, unchanged);
    }

    /** Adds the imported events of one kind's entities to {@code events}; returns the skipped ones. */
    private static long countEvents(ArchiveScan scan, ImportPlan plan, EntityKind kind, Map<String, Long> events) {
        long skipped = 0;
        for (String id : kind == EntityKind.TASK ? scan.taskIds() : scan.modelIds()) {
            boolean imported = plan.action(kind, id) != EntityAction.SKIP;
            for (Map.Entry<EventType, Long> count : scan.events(id).entrySet()) {
                if (imported) {
                    events.merge(count.getKey().value(), count.getValue(), Long::sum);
                } else {
                    skipped += count.getValue();
                }
            }
        }
        return skipped;
    }
}
