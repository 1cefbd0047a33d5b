package clearml.migrate.undo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * One line of an undo journal. Each record states a change a command is about to make, with what undoing it needs;
 * it is on disk before the change lands in a store.
 */
public sealed interface JournalRecord {

    /**
     * The first record: which command wrote the journal, its settings (never secrets) and when it began.
     *
     * @param settings flags and target stores, for the undo report; the writer leaves out every password
     */
    record Header(String command, Map<String, String> settings, Instant started) implements JournalRecord {
        public Header {
            settings = Map.copyOf(settings);
        }
    }

    /** A MongoDB document the command creates; {@code writtenHash} is the {@link DocumentHash} of what it writes. */
    record Created(String database, String collection, Object id, String writtenHash) implements JournalRecord {
    }

    /**
     * The full version of a MongoDB document before the command overwrites or merges into it.
     *
     * @param writtenHash the {@link DocumentHash} of the version the command writes over it
     */
    record Prior(String database, String collection, Document document, String writtenHash) implements JournalRecord {
        public Object id() {
            return document.get("_id");
        }
    }

    /** An event the command deletes, as the engine held it. */
    record DeletedEvent(String index, String id, ObjectNode source) implements JournalRecord {
    }

    /** An event the command indexes under an id that held no event before. */
    record CreatedEvent(String index, String id) implements JournalRecord {
    }

    /**
     * The command is about to write the events of these tasks afresh, after deleting the ones stored (recorded as
     * {@link DeletedEvent}s before this): undo deletes every event of these tasks in the company's indices, as
     * ClearML's import deletes them (data model §5.5), then puts the deleted ones back. Cheaper than one
     * {@link CreatedEvent} per written event, which would need a journal flush before every bulk request.
     */
    record CreatedTaskEvents(String company, List<String> taskIds) implements JournalRecord {
        public CreatedTaskEvents {
            taskIds = List.copyOf(taskIds);
        }
    }

    /** One field of a MongoDB document that the command sets from {@code oldValue} to {@code newValue}. */
    record FieldChange(String database, String collection, Object id, String path, @Nullable Object oldValue,
            @Nullable Object newValue) implements JournalRecord {
    }

    /** One top-level field of an event that the command sets from {@code oldValue} to {@code newValue}. */
    record EventFieldChange(String index, String id, String field, JsonNode oldValue, JsonNode newValue)
            implements JournalRecord {
    }

    /**
     * A file the command places.
     *
     * @param store the file store: an absolute directory or an http(s) URL, as {@code --artifacts-to} names it
     * @param path the file's path relative to the store's root
     * @param priorCopy the name of the copy of the file it replaces, in the journal's side directory; null when no
     *     file was there
     */
    record FilePlaced(String store, String path, @Nullable String priorCopy) implements JournalRecord {
    }

    /** The last record of a command that finished. */
    record Committed(Instant finished) implements JournalRecord {
    }
}
