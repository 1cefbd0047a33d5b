package clearml.migrate.importing;

import clearml.migrate.archive.ArchiveContent;
import clearml.migrate.archive.ArchiveLineage;
import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.ArchiveUsers;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.events.EventType;
import clearml.migrate.failures.ArchiveException;
import clearml.migrate.progress.Progress;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.bson.Document;

/**
 * The validation pass over a whole archive, before anything is written: every entity line must be one JSON
 * document with an {@code _id} and every event must have a type ClearML knows (the reader already refused a
 * corrupt zip and unknown entries). What the plan needs is kept: ids, project names, per-task event counts; never
 * the documents or events themselves.
 */
final class ArchiveScan {

    /** One archived project as the plan sees it. */
    record ScannedProject(String id, String name) {
    }

    /** Our key in {@code metadata.json} and the newest layout of it this tool reads (see the exporter's). */
    private static final String OUR_KEY = "clearml_migrate";
    private static final int FORMAT_VERSION = ArchiveLineage.FORMAT_VERSION;

    private final List<ScannedProject> projects = new ArrayList<>();
    private final List<String> taskIds = new ArrayList<>();
    private final List<String> modelIds = new ArrayList<>();
    private final Map<String, Map<EventType, Long>> eventsByTask = new HashMap<>();
    private Optional<ObjectNode> metadata = Optional.empty();
    private Optional<ArchiveUsers> users = Optional.empty();

    private ArchiveScan() {
    }

    /** Reads the whole archive once; throws ArchiveException (one line) at the first fault. */
    static ArchiveScan of(ArchiveContent reader, Progress progress) {
        progress.start("validate archive", "documents", -1, reader.uncompressedBytes());
        ArchiveScan scan = entities(reader, progress);
        // entries on several threads: the scan reads every event before anything is written, so it is waited for
        Map<String, Map<EventType, Long>> counts = new ConcurrentHashMap<>();
        new EntityWorkers(EntityWorkers.DEFAULT_THREADS).forEach(List.copyOf(reader.eventTaskIds()),
                taskId -> counts.put(taskId, scanEvents(reader, taskId, progress)));
        scan.eventsByTask.putAll(counts);
        progress.finish();
        return scan;
    }

    /** Reads the archive's metadata, users and entities, not its events: what a plan needs. */
    static ArchiveScan entitiesOf(ArchiveContent reader, Progress progress) {
        progress.start("read archive", -1);
        ArchiveScan scan = entities(reader, progress);
        progress.finish();
        return scan;
    }

    private static ArchiveScan entities(ArchiveContent reader, Progress progress) {
        ArchiveScan scan = new ArchiveScan();
        scan.metadata = reader.metadata();
        scan.metadata.ifPresent(metadata -> requireKnownFormat(metadata, reader));
        scan.users = reader.users();
        scan.scanEntities(reader, EntityKind.MODEL, progress, doc -> scan.modelIds.add(idOf(doc)));
        scan.scanEntities(reader, EntityKind.PROJECT, progress,
                doc -> scan.projects.add(new ScannedProject(idOf(doc), String.valueOf(doc.get("name")))));
        scan.scanEntities(reader, EntityKind.TASK, progress, doc -> scan.taskIds.add(idOf(doc)));
        return scan;
    }

    // An archive from a newer tool may mean something else by the same lines: refuse it rather than guess.
    private static void requireKnownFormat(ObjectNode metadata, ArchiveContent reader) {
        JsonNode version = metadata.path(OUR_KEY).path("format_version");
        if (version.isNumber() && version.asLong() > FORMAT_VERSION) {
            throw new ArchiveException("Archive " + reader.name() + ": metadata.json " + OUR_KEY + ".format_version "
                    + version.asText() + " is newer than this tool understands (" + FORMAT_VERSION
                    + "); nothing was written, use a newer clearml-migrate");
        }
    }

    private void scanEntities(ArchiveContent reader, EntityKind kind, Progress progress,
            Consumer<Document> sink) {
        try (CloseableIterator<Document> documents = reader.entities(kind)) {
            while (documents.hasNext()) {
                long read = documents.consumed();
                sink.accept(documents.next());
                progress.advance(1, documents.consumed() - read);
            }
        }
    }

    private static Map<EventType, Long> scanEvents(ArchiveContent reader, String taskId, Progress progress) {
        Map<EventType, Long> counts = new EnumMap<>(EventType.class);
        long position = 0;
        try (CloseableIterator<JsonNode> types = reader.eventTypes(taskId)) {
            while (types.hasNext()) {
                position++;
                long read = types.consumed();
                counts.merge(typeOf(types.next(), reader, taskId, position), 1L, Long::sum);
                progress.advance(1, types.consumed() - read);
            }
        }
        return counts;
    }

    private static EventType typeOf(JsonNode type, ArchiveContent reader, String taskId, long position) {
        try {
            if (!type.isTextual()) {
                throw new IllegalArgumentException("has no type");
            }
            return EventType.fromValue(type.textValue());
        } catch (IllegalArgumentException e) {
            throw new ArchiveException("Archive " + reader.name() + ", entry " + EntityKind.eventsEntryName(taskId)
                    + ", event " + position + ": " + e.getMessage()
                    + "; nothing was written, fix or re-export the archive");
        }
    }

    private static String idOf(Document document) {
        return String.valueOf(document.get("_id"));
    }

    List<ScannedProject> projects() {
        return projects;
    }

    List<String> taskIds() {
        return taskIds;
    }

    List<String> modelIds() {
        return modelIds;
    }

    /** Event counts per type of one archived task (or model); empty when it has no events entry. */
    Map<EventType, Long> events(String taskId) {
        return eventsByTask.getOrDefault(taskId, Map.of());
    }

    /**
     * Ids with an events entry but neither a task nor a model in the archive: their events cannot be imported.
     * (A model's entry holds its model events, which this tool's exporter writes.)
     */
    Set<String> orphanEventTasks() {
        Set<String> orphans = new LinkedHashSet<>(eventsByTask.keySet());
        taskIds.forEach(orphans::remove);
        modelIds.forEach(orphans::remove);
        return orphans;
    }

    Optional<ObjectNode> metadata() {
        return metadata;
    }

    Optional<ArchiveUsers> users() {
        return users;
    }
}
