package clearml.migrate.importing;

import clearml.migrate.events.EventDigest;
import clearml.migrate.events.EventType;
import clearml.migrate.undo.UndoJournal;
import clearml.migrate.importing.EventPreparation.PreparedEvent;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where an import writes events: the target's event store. Indexing is asynchronous and bounded;
 * {@link #flush()} returns once everything sent is stored, or throws.
 */
interface EventSink extends AutoCloseable {

    /** Asks the engine once, failing when it is unreachable, refuses the login or is no search engine. */
    void requireEngine();

    /** Makes sure the index of one type and company exists with ClearML's mapping. */
    void prepare(EventType type, String company);

    /**
     * How many events each of these tasks (or models) holds per type in the company's indices now, every earlier
     * write included; a task without events is left out.
     */
    Map<String, Map<EventType, Long>> storedCounts(String company, List<String> taskIds);

    /** The digest of each of these tasks' stored events (id and canonical source); a task without events is left out. */
    Map<String, EventDigest> storedDigests(String company, List<String> taskIds);

    /**
     * Journals every stored event of these tasks, and that their events are about to be written afresh; the
     * caller flushes the journal before {@link #deleteTaskEvents}.
     */
    default void journalTaskEvents(UndoJournal journal, String company, List<String> taskIds) {
        journalTaskEvents(journal, company, taskIds, taskIds);
    }

    /** As {@link #journalTaskEvents(UndoJournal, String, List)}, reading only the stored events of {@code holding}. */
    void journalTaskEvents(UndoJournal journal, String company, List<String> taskIds, Collection<String> holding);

    /** Deletes every stored event of these tasks in the company's indices, waiting until it is done. */
    void deleteTaskEvents(String company, Collection<String> taskIds);

    /** Queues one event, replacing any stored event with the same id. */
    void index(PreparedEvent event);

    /** Waits until every queued event is stored; throws a MigrateException when any was refused. */
    void flush();

    /**
     * Sends what is queued without waiting: the ticket's {@link Sent#await()} returns once every event queued
     * before it is stored (or throws as {@link #flush()} does), while events queued after it keep flowing.
     */
    Sent send();

    /** What {@link #send()} returns: when everything queued before it has been answered. */
    interface Sent {
        void await();
    }

    @Override
    void close();
}
