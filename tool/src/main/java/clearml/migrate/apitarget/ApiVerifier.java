package clearml.migrate.apitarget;

import clearml.migrate.api.ApiClient;
import clearml.migrate.archive.ArchiveContent;
import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.archive.ArchiveNaming;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.failures.UsageException;
import clearml.migrate.files.FileStore;
import clearml.migrate.importing.EntityAction;
import clearml.migrate.importing.ImportSettings;
import clearml.migrate.importing.PlannedImport;
import clearml.migrate.progress.Progress;
import clearml.migrate.proof.Difference;
import clearml.migrate.proof.FileComparison;
import clearml.migrate.proof.VerifyReport;
import clearml.migrate.proof.VerifySettings;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * {@code verify --api-host}: a server reached through its API compared with an archive imported into it through
 * the API. Expects through the import's own {@link PlannedImport} (the same preparation, statistics and defaults)
 * and the import's id map, in the API form the import wrote ({@link ReadBackPages}); counts each task's and model's
 * events per type through {@code events.get_task_events}. Ids, dates and owners are the server's: they are
 * compared with the {@code migrated} records the import wrote, not with the archive's fields. As the direct verify
 * does, it looks for every file of the archive's {@code .artifacts} companion on {@code files} (the server's file
 * server, unless told otherwise), and with {@code --users} for every archived user among the server's users.
 */
public final class ApiVerifier {

    private final ApiClient client;
    private final @Nullable FileStore files;
    private final Clock clock;

    public ApiVerifier(ApiClient client, Clock clock) {
        this(client, null, clock);
    }

    /** A verifier that also looks for the companion's files on {@code files} (null: files are not checked). */
    public ApiVerifier(ApiClient client, @Nullable FileStore files, Clock clock) {
        this.client = client;
        this.files = files;
        this.clock = clock;
    }

    /** Compares; {@code idMapFile} null reads the map beside the archive. */
    public VerifyReport run(VerifySettings verify, @Nullable Path idMapFile, Progress progress) {
        Path mapFile = idMapFile != null ? idMapFile : IdMap.besideArchive(verify.archive());
        if (!Files.isRegularFile(mapFile)) {
            throw new UsageException("no id map to verify through the API: " + mapFile + " is not there; verify --api-host compares what an import through"
                    + " the API created, which that map names; give --id-map FILE if it is elsewhere");
        }
        try (ArchiveContent reader = ArchiveReader.open(verify.archive())) {
            FileStore store = files;
            return run(reader, verify, mapFile, differences -> store == null ? 0
                    : FileComparison.compare(verify.archive(), store, differences), progress);
        }
    }

    /**
     * Compares the server with {@code content} read live (a {@code copy}): {@code fileCheck} looks for the files
     * the copy moved, adds a difference for each one missing and returns how many it looked for.
     */
    public VerifyReport run(ArchiveContent content, VerifySettings verify, Path mapFile,
            ToLongFunction<Consumer<Difference>> fileCheck, Progress progress) {
        ApiTarget target = ApiTarget.of(client);
        ImportSettings settings = target.settings(verify.importSettings());
        try (IdMap ids = IdMap.open(mapFile, target.server(), target.company())) {
            ApiTargetLookup lookup = new ApiTargetLookup(client, ids);
            PlannedImport planned = PlannedImport.replay(content, settings, lookup, target.generation(settings), clock,
                    progress);
            Caller caller = new Caller(client, lookup.users().ids());
            ReadBackPages pages = new ReadBackPages(client, ids, IdRemap.expecting(ids), caller::actsAs);
            Map<String, Long> compared = new TreeMap<>();
            Map<String, Long> archivedEvents = new TreeMap<>();
            List<Difference> eventDifferences = new ArrayList<>();
            long[] withEvents = new long[1];
            progress.start("verify through the API", -1);
            for (EntityKind kind : List.of(EntityKind.PROJECT, EntityKind.MODEL, EntityKind.TASK)) {
                compared.put(kind.name().toLowerCase(Locale.ROOT), compare(content, planned, ids, pages, kind,
                        archivedEvents, eventDifferences, withEvents));
                pages.flush(kind);
            }
            progress.finish();
            List<Difference> differences = new ArrayList<>();
            pages.differences().forEach(d -> differences.add(new Difference(d.kind(), d.targetId(),
                    "field " + d.path() + ": archive " + d.expected() + " ≠ target " + d.kept()
                            + " (archived id " + d.archivedId() + ")")));
            differences.addAll(eventDifferences);
            long fileCount = fileCheck.applyAsLong(differences::add);
            long users = compareUsers(planned, lookup, differences);
            return new VerifyReport(settings.archive().toString(), target.company(), planned.owners().ownerId(),
                    compared, withEvents[0], archivedEvents, fileCount, users, differences, 0,
                    notes(planned, mapFile, settings.archive()));
        }
    }

    private long compare(ArchiveContent reader, PlannedImport planned, IdMap ids, ReadBackPages pages, EntityKind kind,
            Map<String, Long> archivedEvents, List<Difference> eventDifferences, long[] withEvents) {
        long count = 0;
        try (CloseableIterator<Document> documents = reader.entities(kind)) {
            while (documents.hasNext()) {
                Document archived = documents.next();
                String archivedId = String.valueOf(archived.get("_id"));
                if (planned.action(kind, archivedId) == EntityAction.MERGE || ids.isMerged(kind, archivedId)) {
                    continue;
                }
                count++;
                Map<String, Long> byType = new HashMap<>();
                IndexedTimes indexed = new IndexedTimes();
                Document expected = planned.expected(reader, kind, archived, indexed::observe,
                        type -> byType.merge(type.value(), 1L, Long::sum));
                ObjectNode source = ReadBackPages.source(kind, expected);
                ObjectNode range = indexed.range();
                if (range != null) {
                    Migrated.recordEventTimes(kind, source, range);
                }
                pages.expect(kind, archivedId, source);
                if (kind != EntityKind.PROJECT) {
                    byType.forEach((type, n) -> archivedEvents.merge(type, n, Long::sum));
                    if (!byType.isEmpty()) {
                        withEvents[0]++;
                    }
                    compareEvents(kind, ids.targetOr(kind, archivedId), byType, eventDifferences);
                }
            }
        }
        return count;
    }

    /** The server's events of one task or model counted per type against the archived ones. */
    private void compareEvents(EntityKind kind, String targetId, Map<String, Long> archived,
            List<Difference> differences) {
        Map<String, Long> stored = ServerEvents.countByType(client, kind, targetId);
        if (!stored.equals(new TreeMap<>(archived))) {
            differences.add(new Difference("events", targetId, "events per type: archive " + new TreeMap<>(archived)
                    + " ≠ target " + stored));
        }
    }

    /** With {@code --users}: each archived user, as the owners map it, among the server's users. */
    private static long compareUsers(PlannedImport planned, ApiTargetLookup lookup, List<Difference> differences) {
        List<String> archived = planned.archivedUsers();
        if (archived.isEmpty()) {
            return 0;
        }
        java.util.Set<String> onServer = lookup.users().ids();
        for (String user : archived) {
            String id = planned.owners().ownerOf(user);
            if (!onServer.contains(id)) {
                differences.add(new Difference("user", id, "missing from the server's users (create it there: the"
                        + " API creates no users)"));
            }
        }
        return archived.size();
    }

    private List<String> notes(PlannedImport planned, Path mapFile, Path archive) {
        List<String> notes = new ArrayList<>();
        notes.add("compared through the API with the id map " + mapFile + "; ids, dates and owners are the server's,"
                + " the archived ones compared in the '" + Migrated.KEY + "' records");
        planned.mergedProjects().stream().sorted().forEach(id -> notes.add("project " + id + " was merged into"
                + " server project " + planned.ids().project(id) + " of the same name; its fields are not compared"));
        if (files == null && Files.isRegularFile(ArchiveNaming.artifacts(archive))) {
            notes.add("the archive has an .artifacts companion; set CLEARML_FILES_HOST (or files_server in"
                    + " clearml.conf) or give --artifacts-to to check its files");
        }
        return notes;
    }
}
