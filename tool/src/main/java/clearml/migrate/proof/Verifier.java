package clearml.migrate.proof;

import clearml.migrate.archive.ArchiveNaming;
import clearml.migrate.archive.ArchiveContent;
import clearml.migrate.proof.EntityComparison.Present;
import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.events.EventStore;
import clearml.migrate.files.FileStore;
import clearml.migrate.importing.PlannedImport;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.ClearmlVersion;
import clearml.migrate.mongo.Collections;
import clearml.migrate.mongo.ServerGeneration.Recognition;
import clearml.migrate.progress.Progress;
import clearml.migrate.proof.EntityComparison.Expected;
import clearml.migrate.proof.EntityComparison.Subject;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The verify use case: compares a target server with an archive imported into it. Every archived project, model
 * and task must be in the target and equal, field by field, to the document the import writes for it, as the
 * import's own code makes it ({@link PlannedImport}: its plan of ids, owners, users and merges against the target,
 * its preparation, the statistics of the entity's archived events and the save defaults); every task and model
 * must have the archive's number of events per type; every {@code .artifacts} file must be on the file server;
 * with {@code --users}, every archived user must exist. The archive is streamed, each entity's events read once for
 * both its statistics and its counts, and target documents are fetched in batches by id, so memory holds one batch.
 */
public final class Verifier {

    private final ClearmlMongo mongo;
    private final TargetDocuments target;
    private final EventStore events;
    private final @Nullable FileStore files;
    private final Clock clock;

    /**
     * A verifier of the target whose stores the caller opened; {@code files} is null without --artifacts-to. The
     * clock stands for the import's, which stamped the few values an archive leaves to the import time.
     */
    public Verifier(ClearmlMongo mongo, EventStore events, @Nullable FileStore files, Clock clock) {
        this.mongo = mongo;
        this.target = new TargetDocuments(mongo);
        this.events = events;
        this.files = files;
        this.clock = clock;
    }

    /** Compares; the report lists each difference, and is {@link VerifyReport#equal()} when there is none. */
    public VerifyReport run(VerifySettings settings, Progress progress) {
        try (ArchiveReader reader = ArchiveReader.open(settings.archive())) {
            return run(reader, settings, true, progress);
        }
    }

    /**
     * Compares the target with {@code reader}'s content (for {@code copy}: the source read live);
     * {@code eventsCompared} false when the events were moved apart and compared by their mover.
     */
    public VerifyReport run(ArchiveContent reader, VerifySettings settings, boolean eventsCompared,
            Progress progress) {
        return run(reader, settings, eventsCompared, null, progress);
    }

    /**
     * As {@link #run(ArchiveContent, VerifySettings, boolean, Progress)}, looking on the file server for
     * {@code expectedFiles} (a copy's files, moved with no companion) instead of the archive's companion's files.
     */
    public VerifyReport run(ArchiveContent reader, VerifySettings settings, boolean eventsCompared,
            @Nullable List<String> expectedFiles, Progress progress) {
        Recognition line = serverLine(settings);
        PlannedImport planned = PlannedImport.replay(reader, settings.importSettings(), mongo, line.generation(),
                clock, progress);
        Differences differences = new Differences();
        EventComparison eventCounts = new EventComparison(events, planned.owners().company(), differences);
        Set<String> archivedOwners = new HashSet<>();
        Map<String, Long> compared = compareEntities(reader, planned, differences,
                eventsCompared ? eventCounts::compare : batch -> { }, archivedOwners, progress);
        long fileCount = files == null ? 0 : expectedFiles == null
                ? FileComparison.compare(settings.archive(), files, differences)
                : FileComparison.compare(expectedFiles, files, differences);
        long users = compareUsers(planned, differences);
        return new VerifyReport(settings.archive().toString(), planned.owners().company(),
                planned.owners().ownerId(), compared, eventCounts.tasks(), eventCounts.archivedByType(),
                fileCount, users, differences.kept(), differences.notKept(),
                notes(reader, planned, line, settings, orphanEventEntries(reader, archivedOwners)));
    }

    private Recognition serverLine(VerifySettings settings) {
        ClearmlVersion version = settings.targetVersion();
        return version != null ? new Recognition(version.generation(), "--target-version " + version)
                : mongo.serverGeneration();
    }

    /** Projects, models, then tasks with their event counts, batch by batch. */
    private Map<String, Long> compareEntities(ArchiveContent reader, PlannedImport planned, Differences differences,
            Consumer<List<Present>> eventCounts, Set<String> archivedOwners, Progress progress) {
        EntityComparison entities = new EntityComparison(target, differences, progress);
        Map<String, Long> compared = new HashMap<>();
        progress.start("verify entities", -1);
        compared.put("project", entities.compare(reader, new Subject(EntityKind.PROJECT, Collections.PROJECT,
                project -> expect(reader, planned, EntityKind.PROJECT, project), planned.mergedProjects()),
                batch -> { }));
        // A model's events sit in the archive as Task_<model id>_events.json and the import stores them.
        for (EntityKind kind : List.of(EntityKind.MODEL, EntityKind.TASK)) {
            compared.put(kind.name().toLowerCase(Locale.ROOT), entities.compare(reader,
                    new Subject(kind, kind == EntityKind.MODEL ? Collections.MODEL : Collections.TASK, archived -> {
                        archivedOwners.add(EntityStream.id(archived));
                        return expect(reader, planned, kind, archived);
                    }, Set.of()), eventCounts));
        }
        progress.finish();
        return compared;
    }

    /** The document the import writes for an archived one, and the archived events of it per type. */
    private static Expected expect(ArchiveContent reader, PlannedImport planned, EntityKind kind, Document archived) {
        Map<String, Long> byType = new HashMap<>();
        Document document = planned.expected(reader, kind, archived, type -> byType.merge(type.value(), 1L,
                Long::sum));
        return new Expected(document, byType);
    }

    private long compareUsers(PlannedImport planned, Differences differences) {
        for (String archived : planned.archivedUsers()) {
            String id = planned.owners().ownerOf(archived);
            if (!target.userExists(id)) {
                differences.add("user", id, "missing from the target (auth and backend user)");
            }
        }
        return planned.archivedUsers().size();
    }

    /** Events entries of tasks or models the archive does not hold: the import skips them, so verify does too. */
    private static long orphanEventEntries(ArchiveContent reader, Set<String> archivedOwners) {
        return reader.eventTaskIds().stream().filter(id -> !archivedOwners.contains(id)).count();
    }

    private List<String> notes(ArchiveContent reader, PlannedImport planned, Recognition line, VerifySettings settings,
            long orphanEventEntries) {
        List<String> notes = new ArrayList<>();
        if (settings.newIds() || reader.metadata().map(m -> m.path("new_ids").asBoolean(false)).orElse(false)) {
            notes.add("ids compared as --new-ids gives them (name-based on company and archived id)");
        }
        planned.mergedProjects().stream().sorted().forEach(id -> notes.add("project " + id + " was merged into"
                + " target project " + planned.ids().project(id) + " of the same name; its fields are not compared"));
        notes.add("statistics expected as a ClearML " + line.generation() + " server keeps them (" + line.reason()
                + ")");
        if (orphanEventEntries > 0) {
            notes.add(orphanEventEntries + " events entries belong to tasks the archive does not hold; the import"
                    + " skips them and so does this comparison");
        }
        if (files == null && Files.isRegularFile(ArchiveNaming.artifacts(settings.archive()))) {
            notes.add("the archive has an .artifacts companion; give --artifacts-to to check its files");
        }
        return notes;
    }
}
