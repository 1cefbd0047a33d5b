package clearml.migrate.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * What an archive holds, as import and verify read it: metadata, users, the entity documents of each kind in archive
 * order and the events of each task or model. {@link ArchiveReader} reads it from a zip; {@code copy} produces it
 * live from a source server through the export's own rules ({@code exporting.LiveExport}), so that a copy is an
 * export and an import with no file in between. Streams are independent and must be closed.
 */
public interface ArchiveContent extends Closeable {

    /** What the content is, for messages: the archive file, or the server a copy reads. */
    String name();

    /** {@code metadata.json}, when present (data model §3.6). */
    Optional<ObjectNode> metadata();

    /** {@code users.json}, when present (data model §3.7). */
    Optional<ArchiveUsers> users();

    /** Whether there are entities of this kind. */
    boolean has(EntityKind kind);

    /** The documents of one kind in archive order; empty when there are none. */
    CloseableIterator<Document> entities(EntityKind kind);

    /** The ids of the tasks and models that have an events entry, in archive order. */
    List<String> eventTaskIds();

    /** One task's or model's events in archive order; empty when it has no events entry. */
    CloseableIterator<ObjectNode> events(String taskId);

    /**
     * One task's or model's events as {@link #events} streams them, each with the bytes of its line where the content
     * has them ({@link ArchivedEvent}); by default each is its tree.
     */
    default CloseableIterator<ArchivedEvent> eventLines(String taskId) {
        return events(taskId).map(ArchivedEvent::of);
    }

    /**
     * The top-level {@code type} of each of one task's events in archive order (a missing node when an event has
     * none), for counting them; by default read from {@link #events}.
     */
    default CloseableIterator<JsonNode> eventTypes(String taskId) {
        return events(taskId).map(event -> event.path("type"));
    }

    /** The bytes the content holds uncompressed, for progress; -1 when not known before reading. */
    long uncompressedBytes();

    @Override
    void close();
}
