package clearml.migrate.copying;

import clearml.migrate.archive.ArchiveLineage;
import clearml.migrate.events.BulkOptions;
import clearml.migrate.events.EventStore;
import clearml.migrate.events.RemoteCluster;
import clearml.migrate.exporting.LiveExport;
import clearml.migrate.failures.UsageException;
import clearml.migrate.importing.ImportReport;
import clearml.migrate.importing.Importer;
import clearml.migrate.moving.EventMoveReport;
import clearml.migrate.moving.EventsVia;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.progress.Progress;
import clearml.migrate.proof.VerifyReport;
import clearml.migrate.proof.Verifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A copy's target reached directly (MongoDB and the search engine): the import's own pipeline with its undo
 * journal, events moved engine to engine when they may ({@link EventsApart}), the files journalled as the import
 * places them, the sync state in the target's MongoDB ({@link SyncState}), written inside the pass's journal.
 * The caller owns the stores.
 */
public final class DirectCopyTarget implements CopyTarget {

    private final ClearmlMongo mongo;
    private final EventStore events;
    private final @Nullable FileServers files;
    private final Clock clock;

    /** @param files the file servers the referenced files move between, null when files are not copied */
    public DirectCopyTarget(ClearmlMongo mongo, EventStore events, @Nullable FileServers files, Clock clock) {
        this.mongo = mongo;
        this.events = events;
        this.files = files;
        this.clock = clock;
    }

    @Override
    public boolean copiesFiles() {
        return files != null;
    }

    @Override
    public boolean rewritesChangedWhole() {
        return false;
    }

    @Override
    public Optional<ArchiveLineage> lastPass(SyncKey key) {
        return new SyncState(mongo, key).last();
    }

    /**
     * Engine to engine when both servers are reached directly, events asked for, the ids kept (the mover keeps
     * every event's {@code task}; {@code --new-ids} needs the import to map them), and no files copied (the files
     * events refer to, debug samples above all, are found as the events stream by).
     */
    @Override
    public @Nullable EventStore eventsApartFrom(CopySettings settings, @Nullable EventStore sourceEvents) {
        refuseCopyOntoItself(settings, sourceEvents);
        boolean apart = sourceEvents != null && settings.export().events() && !settings.target().newIds()
                && files == null;
        if (!apart && settings.eventsVia() == EventsVia.REINDEX) {
            throw new UsageException("--events-via reindex needs both servers' search engines (--from-elastic-host,"
                    + " --to-elastic-host), events, kept ids (no --new-ids) and no --artifacts-to (the files events"
                    + " refer to are found as they stream); use --events-via auto");
        }
        return apart ? sourceEvents : null;
    }

    /**
     * One server holds an id once, whatever its company (MongoDB's {@code _id}): a copy into the server it reads
     * keeping the ids would move the entities instead of copying them, and delete the events it is about to read.
     * Refused before anything is written; {@code --new-ids} makes copies beside the originals.
     */
    private void refuseCopyOntoItself(CopySettings settings, @Nullable EventStore sourceEvents) {
        if (sourceEvents != null && !settings.target().newIds()
                && RemoteCluster.of(sourceEvents.client()).host().equals(events.client().currentHost())) {
            throw new UsageException("source and target are one server, which holds each id once: give --new-ids"
                    + " (copies beside the originals, e.g. into another --target-company)");
        }
    }

    @Override
    public CopyReport write(LiveExport content, CopySettings settings, @Nullable EventStore apartFrom,
            @Nullable SyncKey recordAs, Progress progress) {
        EventsApart apart = apartFrom == null ? null
                : new EventsApart(apartFrom, events, content, settings.target().urlMap(), settings.eventsVia());
        FilesStep filesStep = new FilesStep(files, content, progress);
        ImportReport imported = new Importer(mongo, events, BulkOptions.defaults(), clock)
                .run(content, settings.target(), new CopySteps(apart, (company, journal) -> {
                    filesStep.run(company, (to, path) -> {
                        journal.filePlaced(to, path);
                        journal.flush();
                    });
                    if (recordAs != null) {
                        new SyncState(mongo, recordAs).record(content.metadata().orElseThrow(), journal, clock);
                    }
                }), progress);
        VerifyReport verified = settings.verify() && !settings.target().dryRun()
                ? new Verifier(mongo, events, files == null ? null : files.to(), clock).run(content,
                settings.verifySettings(), apart == null && !content.isDelta(), filesStep.report().paths(), progress)
                : null;
        List<EventMoveReport> moved = apart == null ? List.of() : apart.reports();
        return new CopyReport(imported, null, moved, filesStep.report(), verified, eventsWay(settings, apart),
                notices(apart, content.isDelta()));
    }

    private static String eventsWay(CopySettings settings, @Nullable EventsApart apart) {
        if (!settings.export().events()) {
            return CopyReport.NO_EVENTS;
        }
        if (apart == null) {
            return "streamed from the source into the import";
        }
        return apart.reports().isEmpty() ? "engine to engine (nothing moved)"
                : apart.reports().get(0).route().via().flagValue() + ": " + apart.reports().get(0).route().reason();
    }

    private static List<String> notices(@Nullable EventsApart apart, boolean delta) {
        List<String> notices = new ArrayList<>();
        if (apart == null && delta) {
            // The target holds the base's events too: a task's total there is not the delta's count.
            notices.add("the pass's events were streamed and added to those of the earlier passes: verify compared"
                    + " the documents and files, not the event counts");
        }
        if (apart != null) {
            notices.add("events moved engine to engine: the import did not read them, so the tasks and models keep"
                    + " the source's statistics (last_metrics, metric_stats, ...) as an archive of --no-events does;"
                    + " verify compared the documents, the mover the event counts per type");
        }
        return notices;
    }
}
