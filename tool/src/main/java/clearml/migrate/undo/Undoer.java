package clearml.migrate.undo;

import clearml.migrate.events.EventStore;
import clearml.migrate.failures.ConflictException;
import clearml.migrate.files.FileStore;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.progress.Progress;
import java.util.List;
import java.util.function.Function;

/**
 * The undo use case: puts the target back as it was before the command that wrote a journal. Reads the journal
 * forward once (spooling it), checks every document, field and event for changes made by others since, refuses
 * before writing anything when there are some (unless forced), then undoes the records newest first. Safe to run
 * again after an interruption, and on the journal of an interrupted command. Created collections and indices are
 * left behind, empty.
 */
public final class Undoer {

    /** How many conflicts a report or a refusal lists by name. */
    public static final int KEPT_CONFLICTS = 100;

    private final ClearmlMongo mongo;
    private final EventStore events;
    private final Function<String, FileStore> fileStores;

    /**
     * The caller opens and closes MongoDB and Elasticsearch.
     *
     * @param fileStores opens a file store by the name a journal gives it (a directory or an http(s) URL); the
     *     undo closes what it opened. {@code name -> FileStores.open(name, token)} is the usual one.
     */
    public Undoer(ClearmlMongo mongo, EventStore events, Function<String, FileStore> fileStores) {
        this.mongo = mongo;
        this.events = events;
        this.fileStores = fileStores;
    }

    /**
     * Undoes the journal's command.
     *
     * @throws ConflictException when something changed since the command and {@code force} is off; nothing was
     *     written then
     * @throws clearml.migrate.failures.NotAClearmlStoreException when MongoDB holds no ClearML data; nothing was
     *     written then
     */
    public UndoReport run(UndoSettings settings, Progress progress) {
        // Both stores answer before anything is written. A MongoDB without ClearML's database is the wrong host:
        // restoring documents there would create one.
        mongo.requireClearml();
        events.info();
        MongoTarget documents = new MongoTarget(mongo);
        try (JournalReader reader = JournalReader.open(settings.journal());
                ReversedRecords spool = new ReversedRecords();
                EventTarget eventTarget = new EventTarget(events);
                FileTarget files = new FileTarget(settings.journal(), fileStores)) {
            JournalScan scan = JournalScan.of(reader, spool, progress);
            ConflictCheck check = check(scan, spool, documents, eventTarget, progress);
            if (check.count() > 0 && !settings.force()) {
                throw refusal(settings, scan, check);
            }
            if (!settings.dryRun()) {
                progress.start("Undoing", scan.records());
                spool.forEachNewestFirst(new Replay(documents, eventTarget, files, progress));
                progress.finish();
            }
            return report(settings, scan, check);
        }
    }

    private static ConflictCheck check(JournalScan scan, ReversedRecords spool, MongoTarget documents,
            EventTarget eventTarget, Progress progress) {
        progress.start("Checking for changes since the " + scan.header().command(), scan.records());
        ConflictCheck check = new ConflictCheck(documents, eventTarget);
        check.documents(scan.chains());
        spool.forEachNewestFirst(check::record);
        progress.finish();
        return check;
    }

    private static ConflictException refusal(UndoSettings settings, JournalScan scan, ConflictCheck check) {
        UndoConflict first = check.kept().get(0);
        return new ConflictException(check.count() + " documents or events changed since the "
                + scan.header().command() + " that wrote " + settings.journal() + " (first: " + first.place() + " '"
                + first.id() + "', " + first.reason() + "); nothing was undone — look at them, then run undo with "
                + "--force to restore them anyway");
    }

    private static UndoReport report(UndoSettings settings, JournalScan scan, ConflictCheck check) {
        return new UndoReport(settings.journal().toString(), scan.header().command(), scan.header().settings(),
                scan.header().started().toString(), scan.committed(), scan.truncated(), scan.records(),
                settings.dryRun(), scan.steps(), check.count(), settings.force() ? check.kept() : List.of());
    }
}
