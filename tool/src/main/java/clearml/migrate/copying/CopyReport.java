package clearml.migrate.copying;

import clearml.migrate.apitarget.ApiImportReport;
import clearml.migrate.files.TransferReport;
import clearml.migrate.importing.ImportReport;
import clearml.migrate.moving.EventMoveReport;
import clearml.migrate.proof.VerifyReport;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a copy did: the import's report (entities, events it streamed, journal) for a target reached directly, or
 * the API import's ({@code throughApi}: created, updated, the id map) for one reached through its REST API; the
 * events moved engine to engine (one move per source company; none when they streamed), the file-server files
 * moved store to store ({@link TransferReport#NONE} without {@code --artifacts-to}), the verify at the end
 * ({@code null} with {@code --no-verify} or a dry run), and how the events travelled and why.
 */
public record CopyReport(@Nullable ImportReport imported, @Nullable ApiImportReport throughApi,
        List<EventMoveReport> moved, TransferReport files, @Nullable VerifyReport verified, String eventsWay,
        List<String> notices) {

    /** How events travel when none were asked for. */
    static final String NO_EVENTS = "none (--no-events)";

    public CopyReport {
        moved = List.copyOf(moved);
        notices = List.copyOf(notices);
    }

    /**
     * Whether everything arrived: the verify found no difference, every moved event is at the target, and through
     * the API the server kept every field it was sent.
     */
    public boolean complete() {
        return (verified == null || verified.equal()) && moved.stream().allMatch(EventMoveReport::complete)
                && (throughApi == null || throughApi.complete());
    }

    /** Whether nothing was written (a dry run). */
    public boolean dryRun() {
        return imported != null ? imported.dryRun() : throughApi != null && throughApi.dryRun();
    }

    /** The file {@code undo} takes the copy back with: the journal, or through the API the id map; null if none. */
    public @Nullable Path undoFile() {
        return imported != null ? imported.undoJournal() : throughApi == null ? null : throughApi.idMap();
    }
}
