package clearml.migrate.exporting;

import clearml.migrate.archive.EventTally;
import clearml.migrate.retry.Backoff;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The events half of the {@link ExportSource} port: every event of one task or model, as stored (a compressed plot
 * keeps its {@code plot_data}; the export decompresses it, data model §2.5). Each adapter documents its order.
 * Thread-safe: the export reads several entities at once.
 */
public interface EventSource {

    /** The events of these tasks and models of one index company, or -1 when the source cannot count them cheaply. */
    long count(String indexCompany, List<String> ids);

    /**
     * Streams every event of one entity into {@code receiver} and returns how many there were.
     *
     * @param model whether {@code key} names a model (its events are model events, §2.6)
     * @throws clearml.migrate.failures.StoreUnreachableException when the source went away mid-way and did not come
     *     back within one call's patience: the caller drops what it received and reads the entity again
     */
    long copy(EntityKey key, boolean model, EventWindow window, Receiver receiver);

    /**
     * Per entity of {@code ids} that has events: how many and the newest timestamp, recorded in an archive's state so
     * that a later {@code export --since} can tell appended events from changed ones; empty when the source cannot
     * tell cheaply (the archive's state then holds no tallies and a delta on it carries every entity's events).
     */
    Map<String, EventTally> tallies(String indexCompany, List<String> ids);

    /** How many of one entity's events are later than {@code after} (epoch ms). */
    long countAfter(EntityKey key, long after);

    /** A fresh backoff within the user's {@code --retry-for}, for reading an entity again from its start. */
    Backoff backoff();

    /** Where one entity's events go: stored JSON as the engine sent it (the cheap path), or a tree. Not thread-safe. */
    interface Receiver {

        /** Takes a stored event, its {@code _source} as the engine sent it: {@code source[offset, offset + length)}. */
        void stored(byte[] source, int offset, int length) throws IOException;

        /** Takes an event read as a tree; it may be changed on the way. */
        void tree(ObjectNode event);

        /** The bytes written so far, from which a source may size its pages. */
        long bytes();
    }
}
