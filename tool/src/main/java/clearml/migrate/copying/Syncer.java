package clearml.migrate.copying;

import clearml.migrate.archive.ArchiveLineage;
import clearml.migrate.events.EventStore;
import clearml.migrate.exporting.ExportSource;
import clearml.migrate.exporting.LiveExport;
import clearml.migrate.progress.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@code sync} use case: {@code copy} with the incremental logic of {@code export --since}. Each pass reads the
 * source's state, compares it with the state the last pass recorded ({@link CopyTarget#lastPass}: on a direct
 * target in its MongoDB, through the API in a file) and copies only what changed (a delta: new and changed
 * entities, events appended or replaced, deletions applied with {@code --apply-deletes}, and the files the changed
 * documents and events refer to that the target does not hold already), with its own journal, so {@code undo}
 * takes one pass back. The first pass is a full copy. A pass that finds nothing changed writes nothing.
 */
public final class Syncer {

    private final ExportSource source;
    private final @Nullable EventStore sourceEvents;
    private final CopyTarget target;
    private final String toolVersion;

    /** @param sourceEvents the source's search engine when it is reached directly, null through the REST API */
    public Syncer(ExportSource source, @Nullable EventStore sourceEvents, CopyTarget target, String toolVersion) {
        this.source = source;
        this.sourceEvents = sourceEvents;
        this.target = target;
        this.toolVersion = toolVersion;
    }

    public SyncReport run(SyncSettings settings, Progress progress) {
        List<SyncReport.Pass> passes = new ArrayList<>();
        for (int number = 1; number <= SyncSettings.MAX_PASSES; number++) {
            SyncReport.Pass pass = pass(settings, number, progress);
            passes.add(pass);
            if (settings.untilQuiet() <= 0 || pass.changes() < settings.untilQuiet()) {
                break;
            }
        }
        return new SyncReport(passes);
    }

    private SyncReport.Pass pass(SyncSettings settings, int number, Progress progress) {
        CopySettings copy = new CopySettings(settings.copy().export(),
                settings.copy().target().withUndoLog(settings.journals().apply(number)), settings.copy().eventsVia(),
                settings.copy().verify());
        SyncKey key = new SyncKey(settings.sourceName(), copy.export().selection() + " events="
                + copy.export().events(), copy.target().company() == null ? "" : copy.target().company());
        Optional<ArchiveLineage> last = target.lastPass(key);
        EventStore apartFrom = target.eventsApartFrom(copy, sourceEvents);
        boolean withEvents = apartFrom == null;
        try (LiveExport content = last.isPresent()
                ? LiveExport.since(source, copy.export(), withEvents, target.copiesFiles(), toolVersion, last.get(),
                target.rewritesChangedWhole())
                : LiveExport.open(source, copy.export(), withEvents, target.copiesFiles(), toolVersion)) {
            if (content.unchanged()) {
                return new SyncReport.Pass(number, false, 0, content.leftForStatus(), null);
            }
            CopyReport copied = target.write(content, copy, apartFrom, key, progress);
            return new SyncReport.Pass(number, last.isEmpty(), content.changes(), content.leftForStatus(), copied);
        }
    }
}
