package clearml.migrate.importing;

import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.events.BulkOptions;
import clearml.migrate.events.EventStore;
import clearml.migrate.events.EventType;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.progress.Progress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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

    /** An importer into the target whose stores the caller opened and will close. */
    public Importer(ClearmlMongo mongo, EventStore events, BulkOptions bulk, Clock clock) {
        this(mongo, new StoreEventSink(events, bulk), clock);
    }

    Importer(ClearmlMongo mongo, EventSink events, Clock clock) {
        this.mongo = mongo;
        this.events = events;
        this.clock = clock;
    }

    /** Imports (or with {@code dryRun} plans) the archive of {@code settings}. */
    public ImportReport run(ImportSettings settings, Progress progress) {
        try (ArchiveReader reader = ArchiveReader.open(settings.archive()); EventSink sink = events) {
            ArchiveScan scan = ArchiveScan.of(reader, progress);
            ImportPlan plan = ImportPlan.make(scan, settings, new TargetLookup(mongo));
            if (settings.dryRun()) {
                return report(settings, scan, plan, ImportWriter.Outcome.planned(plan));
            }
            ImportWriter writer = new ImportWriter(mongo, events, clock, plan, settings);
            return report(settings, scan, plan, writer.write(reader, scan, progress));
        }
    }

    private static ImportReport report(ImportSettings settings, ArchiveScan scan, ImportPlan plan,
            ImportWriter.Outcome outcome) {
        Map<String, EntityCounts> entities = new TreeMap<>();
        for (EntityKind kind : EntityKind.values()) {
            entities.put(kind.name().toLowerCase(Locale.ROOT), plan.counts(kind));
        }
        Map<String, Long> events = new TreeMap<>();
        long skipped = 0;
        for (String taskId : scan.taskIds()) {
            boolean imported = plan.action(EntityKind.TASK, taskId) != EntityAction.SKIP;
            for (Map.Entry<EventType, Long> count : scan.events(taskId).entrySet()) {
                if (imported) {
                    events.merge(count.getKey().value(), count.getValue(), Long::sum);
                } else {
                    skipped += count.getValue();
                }
            }
        }
        for (String orphan : scan.orphanEventTasks()) {
            skipped += scan.events(orphan).values().stream().mapToLong(Long::longValue).sum();
        }
        List<String> notices = new ArrayList<>(plan.notices);
        if (!scan.orphanEventTasks().isEmpty()) {
            notices.add(scan.orphanEventTasks().size() + " events entries belong to tasks the archive does not hold;"
                    + " their events were not imported");
        }
        return new ImportReport(settings.archive(), plan.owners.company(), plan.owners.ownerId(), settings.dryRun(),
                entities, events, skipped, outcome.usersCreated(), outcome.usersMatched(),
                plan.projectsToRename.size(), outcome.linksRewritten(), outcome.artifactFiles(), notices);
    }
}
