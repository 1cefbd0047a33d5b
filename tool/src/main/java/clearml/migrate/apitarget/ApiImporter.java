package clearml.migrate.apitarget;

import clearml.migrate.api.ApiClient;
import clearml.migrate.archive.ArchiveContent;
import clearml.migrate.archive.ArchiveLimits;
import clearml.migrate.archive.ArchiveLineage;
import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.failures.UsageException;
import clearml.migrate.files.ArtifactPlacer;
import clearml.migrate.files.ArtifactsLayout;
import clearml.migrate.files.FileStore;
import clearml.migrate.importing.EntityCounts;
import clearml.migrate.importing.ImportSettings;
import clearml.migrate.importing.PlannedImport;
import clearml.migrate.importing.ProjectNamePolicy;
import clearml.migrate.progress.Progress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The import use case through the target port's API adapter ({@code import --api-host}): plans against the server
 * as the API shows it (the id map for entities a former run created, projects by name), with the import's own
 * {@link PlannedImport} for every document and event, then writes with {@link ApiImportWriter}. The archive is read
 * and validated whole before the first write. Files of the {@code .artifacts} companion go to {@code files}.
 */
public final class ApiImporter {

    /** Bytes per {@code events.add_batch}: well under the server's request limit, few calls per task. */
    static final int EVENT_BATCH_BYTES = 4 << 20;

    private final ApiClient client;
    private final @Nullable FileStore files;
    private final Clock clock;

    public ApiImporter(ApiClient client, @Nullable FileStore files, Clock clock) {
        this.client = client;
        this.files = files;
        this.clock = clock;
    }

    /** Imports (or with {@code dryRun} plans); {@code idMapFile} null keeps the map beside the archive. */
    public ApiImportReport run(ImportSettings requested, @Nullable Path idMapFile, Progress progress) {
        refuseUnsupported(requested);
        Path mapFile = idMapFile != null ? idMapFile : IdMap.besideArchive(requested.archive());
        try (ArchiveReader reader = ArchiveReader.open(requested.archive())) {
            checkCompanion(requested);
            return write(reader, requested, mapFile, (company, ids) -> placeFiles(requested, company, ids, progress),
                    progress);
        }
    }

    /**
     * Imports {@code content} read live (a {@code copy}, or a pass of {@code sync}): {@code settings.archive()}
     * only names the run; {@code afterWrites} runs once everything is written, with the id map in which it records
     * each file it places before placing it, and returns how many it placed. A delta's tasks and models are
     * rewritten whole: the map's record that a former run finished them is withdrawn first.
     */
    public ApiImportReport run(ArchiveContent content, ImportSettings requested, Path mapFile,
            AfterWrites afterWrites, Progress progress) {
        refuseUnsupported(requested);
        return write(content, requested, mapFile, afterWrites, progress);
    }

    /** What an import of content read live does once its entities are written: the files, in the id map. */
    @FunctionalInterface
    public interface AfterWrites {
        /** Returns the files placed. */
        long run(String company, IdMap ids);
    }

    private ApiImportReport write(ArchiveContent content, ImportSettings requested, Path mapFile,
            AfterWrites afterWrites, Progress progress) {
        ApiTarget target = ApiTarget.of(client);
        ImportSettings settings = target.settings(requested);
        try (IdMap ids = IdMap.open(mapFile, target.server(), target.company())) {
            ApiTargetLookup lookup = new ApiTargetLookup(client, ids);
            PlannedImport planned = PlannedImport.forImport(content, settings, lookup, target.generation(settings),
                    clock, progress);
            if (settings.dryRun()) {
                return report(settings, target, planned, null, 0, null);
            }
            reopenDelta(content, ids);
            Caller caller = new Caller(client, lookup.users().ids());
            ApiImportWriter.Outcome outcome = new ApiImportWriter(caller, planned, ids, EVENT_BATCH_BYTES)
                    .write(content, progress);
            long placed = afterWrites.run(target.company(), ids);
            return report(settings, target, planned, outcome, placed, mapFile);
        }
    }

    /**
     * A delta (a {@code sync} pass) holds only entities that changed since the last pass, each with all its events:
     * the writer's rerun rule (reset, then written afresh) applies to them, not its "finished, left alone".
     */
    private static void reopenDelta(ArchiveContent content, IdMap ids) {
        if (content.metadata().flatMap(ArchiveLineage::of).map(ArchiveLineage::delta).isEmpty()) {
            return;
        }
        for (EntityKind kind : List.of(EntityKind.MODEL, EntityKind.TASK)) {
            try (CloseableIterator<Document> documents = content.entities(kind)) {
                documents.forEachRemaining(document -> ids.reopen(kind, String.valueOf(document.get("_id"))));
            }
        }
    }

    /** Flags whose meaning the API cannot honour: one line each, before anything is read. */
    private static void refuseUnsupported(ImportSettings settings) {
        if (settings.importUsers()) {
            throw new UsageException("--users cannot be used with --api-host: ClearML's API creates no users for a "
                    + "client; create them on the server (or map owners with --user), then import");
        }
        if (settings.onProjectName() == ProjectNamePolicy.RENAME_EXISTING) {
            throw new UsageException("--on-project-name rename-existing cannot be used with --api-host yet; use merge"
                    + " or fail");
        }
        if (settings.artifactsLayout() == ArtifactsLayout.ENTERPRISE) {
            throw new UsageException("--artifacts-layout enterprise cannot be used with --api-host: the server's "
                    + "file server adds the company from the token itself");
        }
    }

    private void checkCompanion(ImportSettings settings) {
        if (files != null) {
            ArtifactPlacer.companionOf(settings.archive())
                    .ifPresent(companion -> new ArtifactPlacer(ArchiveLimits.defaults()).check(companion));
        }
    }

    /** The companion's files, each recorded in the id map before any is placed, so that undo can delete them. */
    private long placeFiles(ImportSettings settings, String company, IdMap ids, Progress progress) {
        FileStore store = files;
        if (store == null) {
            return 0;
        }
        ArtifactPlacer placer = new ArtifactPlacer(ArchiveLimits.defaults());
        return ArtifactPlacer.companionOf(settings.archive()).map(companion -> {
            placer.changes(companion, store, ArtifactsLayout.FLAT, company)
                    .forEach(path -> ids.filePlaced(store.location(), path, store.exists(path)));
            return placer.place(companion, store, ArtifactsLayout.FLAT, company, progress).files();
        }).orElse(0L);
    }

    private static ApiImportReport report(ImportSettings settings, ApiTarget target, PlannedImport planned,
            ApiImportWriter.@Nullable Outcome outcome, long files, @Nullable Path mapFile) {
        Map<String, EntityCounts> counts = new TreeMap<>();
        Map<String, Long> created = new TreeMap<>();
        Map<String, Long> updated = new TreeMap<>();
        for (EntityKind kind : EntityKind.values()) {
            String name = kind.name().toLowerCase(Locale.ROOT);
            counts.put(name, planned.counts(kind));
            created.put(name, outcome == null ? 0 : outcome.createdUpdated().get(kind)[0]);
            updated.put(name, outcome == null ? 0 : outcome.createdUpdated().get(kind)[1]);
        }
        List<FieldDifference> differences = outcome == null ? List.of() : outcome.differences();
        Map<String, Long> byField = new TreeMap<>();
        differences.forEach(d -> byField.merge(d.kind() + "." + d.path(), 1L, Long::sum));
        List<String> notices = new ArrayList<>(planned.notices());
        notices.removeIf(notice -> notice.startsWith("No --company"));
        if (outcome != null && outcome.mergedNamesakes() > 0) {
            notices.add(outcome.mergedNamesakes() + " archived projects have the name of another archived project (an"
                    + " archive of several companies): the server keeps one project per name, so they were merged into"
                    + " it, and their own fields are not kept");
        }
        notices.add("ids, dates and owners are the server's: the archived ids are in the id map (" + mapFile
                + "), the archived dates and owners of tasks and models under '" + Migrated.KEY + "' (task runtime,"
                + " model metadata) with the system tag '" + Migrated.TAG + "', with each model link's 'updated' stamp"
                + " and the first and last '@timestamp' of the events (the time the server indexes each event is its"
                + " own); a project's are not kept");
        return new ApiImportReport(settings.archive(), target.server(), target.company(), settings.dryRun(), counts,
                created, updated, outcome == null ? 0 : outcome.unchanged(), outcome == null ? 0 : outcome.eventsSent(),
                outcome == null ? 0 : outcome.eventsRefused(),
                differences.subList(0, Math.min(differences.size(), ApiImportReport.KEPT_DIFFERENCES)), byField,
                outcome == null ? 0 : outcome.notOwned(), outcome == null ? 0 : outcome.idValuesMapped(), files,
                mapFile, notices);
    }
}
