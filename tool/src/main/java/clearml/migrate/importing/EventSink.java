package clearml.migrate.importing;

import clearml.migrate.events.EventType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * Where an import writes events: the target's event store. Indexing is asynchronous and bounded;
 * {@link #flush()} returns once everything sent is stored, or throws.
 */
interface EventSink extends AutoCloseable {

    /** Asks the engine once, failing when it is unreachable, refuses the login or is no search engine. */
    void requireEngine();

    /** Makes sure the index of one type and company exists with ClearML's mapping. */
    void prepare(EventType type, String company);

    /** Deletes every stored event of these tasks in the company's indices, waiting until it is done. */
    void deleteTaskEvents(String company, Collection<String> taskIds);

    /** Queues one event, replacing any stored event with the same id. */
    void index(String index, String id, ObjectNode event);

    /** Waits until every queued event is stored; throws a MigrateException when any was refused. */
    void flush();

    @Override
    void close();
}
