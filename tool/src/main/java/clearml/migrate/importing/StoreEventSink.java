package clearml.migrate.importing;

import clearml.migrate.events.BulkFailure;
import clearml.migrate.events.BulkOptions;
import clearml.migrate.events.BulkReport;
import clearml.migrate.events.BulkWriter;
import clearml.migrate.events.EventIndexNames;
import clearml.migrate.events.EventDigest;
import clearml.migrate.events.EventStore;
import clearml.migrate.events.EventType;
import clearml.migrate.failures.StoreRequestException;
import clearml.migrate.undo.UndoJournal;
import clearml.migrate.importing.EventPreparation.PreparedEvent;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The target's {@link EventStore} as an import's event sink: one byte-sized {@link BulkWriter} with several
 * requests in flight for the whole run; a refused event fails the import at the next flush; closing refreshes the
 * indices written so the events are searchable when the command returns.
 */
final class StoreEventSink implements EventSink {

    private final EventStore store;
    private final BulkOptions options;
    private final Set<String> indices = ConcurrentHashMap.newKeySet();
    private final Set<String> refreshed = new HashSet<>();
    private volatile @Nullable BulkWriter writer;
    private long failuresSeen;

    StoreEventSink(EventStore store, BulkOptions options) {
        this.store = store;
        this.options = options;
    }

    @Override
    public void requireEngine() {
        store.info();
    }

    @Override
    public void prepare(EventType type, String company) {
        store.prepareIndex(type, company);
    }

    /** Refreshes the company's indices once first, so that events written just before (a killed run's) count. */
    @Override
    public Map<String, Map<EventType, Long>> storedCounts(String company, List<String> taskIds) {
        if (refreshed.add(company)) {
            store.refresh(EventIndexNames.allTypes(company));
        }
        return store.countByTask(company, taskIds);
    }

    @Override
    public Map<String, EventDigest> storedDigests(String company, List<String> taskIds) {
        return store.digestByTask(company, taskIds);
    }

    @Override
    public void journalTaskEvents(UndoJournal journal, String company, List<String> taskIds,
            Collection<String> holding) {
        journal.replacingTaskEvents(store, company, taskIds, holding);
    }

    @Override
    public void deleteTaskEvents(String company, Collection<String> taskIds) {
        store.deleteTaskEvents(company, taskIds);
    }

    /** Safe to call from several threads at once (the round's {@link EntityWorkers}). */
    @Override
    public void index(PreparedEvent event) {
        indices.add(event.index());
        event.indexInto(writer());
    }

    private synchronized BulkWriter writer() {
        if (writer == null) {
            writer = store.bulkWriter(options);
        }
        return writer;
    }

    @Override
    public void flush() {
        if (writer != null) {
            requireNoNewFailures(writer.flush());
        }
    }

    @Override
    public Sent send() {
        BulkWriter open = writer;
        if (open == null) {
            return () -> { };
        }
        BulkWriter.Sent sent = open.send();
        return () -> {
            sent.await();
            requireNoNewFailures(open.report());
        };
    }

    @Override
    public void close() {
        BulkWriter open = writer;
        writer = null;
        if (open != null) {
            open.close();
        }
        if (!indices.isEmpty()) {
            store.refresh(String.join(",", indices));
        }
    }

    private synchronized void requireNoNewFailures(BulkReport report) {
        if (report.failed() > failuresSeen) {
            long newFailures = report.failed() - failuresSeen;
            failuresSeen = report.failed();
            BulkFailure first = report.failures().isEmpty() ? null : report.failures().get(0);
            throw new StoreRequestException("The event store refused " + newFailures + " events"
                    + (first == null ? "" : " (first: " + first + ")")
                    + "; fix the cause and run the import again, it resumes where it stopped");
        }
    }
}
