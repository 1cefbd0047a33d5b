package clearml.migrate.copying;

import clearml.migrate.api.ApiClient;
import clearml.migrate.apitarget.ApiImportReport;
import clearml.migrate.apitarget.ApiImporter;
import clearml.migrate.apitarget.ApiVerifier;
import clearml.migrate.apitarget.IdMap;
import clearml.migrate.archive.ArchiveLineage;
import clearml.migrate.archive.DeltaInfo;
import clearml.migrate.events.EventStore;
import clearml.migrate.exporting.LiveExport;
import clearml.migrate.failures.UsageException;
import clearml.migrate.moving.EventsVia;
import clearml.migrate.progress.Progress;
import clearml.migrate.proof.FileComparison;
import clearml.migrate.proof.VerifyReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A copy's target reached through its REST API (issue #15's adapter): the API import fed by the live export, with
 * its id map as the record a rerun reads (no duplicates) and {@code undo --api-host} takes the copy back with,
 * each moved file recorded there before it is written; then the API verify. The server chooses ids, so a sync pass
 * brings each changed task and model whole and the writer rewrites it; the sync state lives in a file
 * ({@link SyncStateFile}), since the API gives it no place on the server. The caller owns the client and stores.
 */
public final class ApiCopyTarget implements CopyTarget {

    private final ApiClient client;
    private final @Nullable FileServers files;
    private final Path idMap;
    private final SyncStateFile states;
    private final Clock clock;

    /**
     * @param files the file servers the referenced files move between, null when files are not copied
     * @param idMap the id map of this copy or sync (archived id to the server's), read again by a rerun
     * @param stateFile where a sync keeps the source's state its last pass read
     */
    public ApiCopyTarget(ApiClient client, @Nullable FileServers files, Path idMap, Path stateFile, Clock clock) {
        this.client = client;
        this.files = files;
        this.idMap = idMap;
        this.states = new SyncStateFile(stateFile);
        this.clock = clock;
    }

    /** Events go through the API's {@code events.add_batch}: never engine to engine. */
    @Override
    public @Nullable EventStore eventsApartFrom(CopySettings settings, @Nullable EventStore sourceEvents) {
        if (settings.eventsVia() == EventsVia.REINDEX) {
            throw new UsageException("--events-via reindex cannot be used with --to-api-host: a server reached"
                    + " through its API takes events only through events.add_batch; use --events-via auto or stream");
        }
        if (settings.target().applyDeletes()) {
            throw new UsageException("--apply-deletes cannot be used with --to-api-host yet: deletions at the source"
                    + " are listed each pass; delete them in the web app, or sync into the target's stores");
        }
        return null;
    }

    @Override
    public boolean copiesFiles() {
        return files != null;
    }

    @Override
    public boolean rewritesChangedWhole() {
        return true;
    }

    /** Empty too when the id map names nothing: a first pass, or the earlier ones were undone. */
    @Override
    public Optional<ArchiveLineage> lastPass(SyncKey key) {
        return IdMap.namesNone(idMap) ? Optional.empty() : states.last(key);
    }

    @Override
    public CopyReport write(LiveExport content, CopySettings settings, @Nullable EventStore apartFrom,
            @Nullable SyncKey recordAs, Progress progress) {
        FilesStep filesStep = new FilesStep(files, content, progress);
        ApiImportReport imported = new ApiImporter(client, null, clock).run(content, settings.target(), idMap,
                (company, ids) -> {
                    filesStep.run(company, (to, path) -> ids.filePlaced(to.location(), path, to.exists(path)));
                    if (recordAs != null) {
                        states.record(recordAs, content.metadata().orElseThrow(), clock);
                    }
                    return 0; // the copy's report counts them (TransferReport)
                }, progress);
        VerifyReport verified = settings.verify() && !settings.target().dryRun()
                ? new ApiVerifier(client, clock).run(content, settings.verifySettings(), idMap,
                differences -> files == null ? 0 : FileComparison.compare(filesStep.report().paths(), files.to(),
                        differences), progress)
                : null;
        return new CopyReport(null, imported, List.of(), filesStep.report(), verified, eventsWay(settings),
                notices(content));
    }

    private static String eventsWay(CopySettings settings) {
        return settings.export().events() ? "streamed from the source through the API (events.add_batch)"
                : CopyReport.NO_EVENTS;
    }

    private static List<String> notices(LiveExport content) {
        List<String> notices = new ArrayList<>();
        long deleted = content.metadata().flatMap(ArchiveLineage::of).map(ArchiveLineage::delta)
                .map(DeltaInfo::deletedCount).orElse(0L);
        if (deleted > 0) {
            notices.add(deleted + " entities deleted at the source were left on the target (through the API they are"
                    + " not deleted yet: delete them in the web app)");
        }
        if (content.isDelta()) {
            notices.add("through the API a pass rewrites each changed task and model whole (reset, document, all its"
                    + " events, final state), as the API import's rerun rule does: a ready model refuses events and"
                    + " the server's statistics must come from the events it indexed; entities that did not change"
                    + " are left alone");
        }
        return notices;
    }
}
