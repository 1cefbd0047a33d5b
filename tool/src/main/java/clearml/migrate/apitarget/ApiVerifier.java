package clearml.migrate.apitarget;

import clearml.migrate.api.ApiClient;
import clearml.migrate.archive.ArchiveContent;
import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.failures.UsageException;
import clearml.migrate.importing.EntityAction;
import clearml.migrate.importing.ImportSettings;
import clearml.migrate.importing.PlannedImport;
import clearml.migrate.progress.Progress;
import clearml.migrate.proof.Difference;
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
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * {@code verify --api-host}: a server reached through its API compared with an archive imported into it through
 * the API. Expects through the import's own {@link PlannedImport} (the same preparation, statistics and defaults)
 * and the import's id map, in the API form the import wrote ({@link ReadBackPages}); counts each task's and model's
 * events per type through {@code events.get_task_events}. Ids, dates and owners are the server's: they are
 * compared with the {@code migrated} records the import wrote, not with the archive's fields.
 */
public final class ApiVerifier {

    private final ApiClient client;
    private final Clock clock;

    public ApiVerifier(ApiClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Compares; {@code idMapFile} null reads the map beside the archive. */
    public VerifyReport run(VerifySettings verify, @Nullable Path idMapFile, Progress progress) {
        ApiTarget target = ApiTarget.of(client);
        ImportSettings settings = target.settings(verify.importSettings());
        Path mapFile = idMapFile != null ? idMapFile : IdMap.besideArchive(settings.archive());
        if (!Files.isRegularFile(mapFile)) {
            throw new UsageException("no id map to verify through the API: " + mapFile + " is not there; verify --api-host compares what an import through"
                    + " the API created, which that map names; give --id-map FILE if it is elsewhere");
        }
        try (ArchiveContent reader = ArchiveReader.open(settings.archive());
                IdMap ids = IdMap.open(mapFile, target.server(), target.company())) {
            ApiTargetLookup lookup = new ApiTargetLookup(client, ids);
            PlannedImport planned = PlannedImport.replay(reader, settings, lookup, target.generation(settings), clock,
                    progress);
            Caller caller = new Caller(client, lookup.users().ids());
            ReadBackPages pages = new ReadBackPages(client, ids, IdRemap.expecting(ids), caller::actsAs);
            Map<String, Long> compared = new TreeMap<>();
            Map<String, Long> archivedEvents = new TreeMap<>();
            List<Difference> eventDifferences = new ArrayList<>();
            long[] withEvents = new long[1];
            progress.start("verify through the API", -1);
            for (EntityKind kind : List.of(EntityKind.PROJECT, EntityKind.MODEL, EntityKind.TASK)) {
                compared.put(kind.name().toLowerCase(Locale.ROOT), compare(reader, planned, ids, pages, kind,
                        archivedEvents, eventDifferences, withEvents));
                pages.flush(kind);
            }
            progress.finish();
            List<Difference> differences = new ArrayList<>();
            pages.differences().forEach(d -> differences.add(new Difference(d.kind(), d.targetId(),
                    "field " + d.path() + ": archive " + d.expected() + " ≠ target " + d.kept()
                            + " (archived id " + d.archivedId() + ")")));
            differences.addAll(eventDifferences);
            return new VerifyReport(settings.archive().toString(), target.company(), planned.owners().ownerId(),
                    compared, withEvents[0], archivedEvents, 0, 0, differences, 0, notes(planned, mapFile));
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
                Document expected = planned.expected(reader, kind, archived, type -> byType.merge(type.value(), 1L,
                        Long::sum));
                ObjectNode source = ReadBackPages.source(kind, expected);
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

    private static List<String> notes(PlannedImport planned, Path mapFile) {
        List<String> notes = new ArrayList<>();
        notes.add("compared through the API with the id map " + mapFile + "; ids, dates and owners are the server's,"
                + " the archived ones compared in the '" + Migrated.KEY + "' records");
        planned.mergedProjects().stream().sorted().forEach(id -> notes.add("project " + id + " was merged into"
                + " server project " + planned.ids().project(id) + " of the same name; its fields are not compared"));
        return notes;
    }
}
