package clearml.migrate.copying;

import clearml.migrate.files.TransferReport;
import clearml.migrate.importing.ImportReport;
import clearml.migrate.moving.EventMoveReport;
import clearml.migrate.proof.VerifyReport;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a copy did: the import's report (entities, events it streamed, journal), the events moved engine to engine
 * (one move per source company; none when they streamed), the file-server files moved store to store
 * ({@link TransferReport#NONE} without {@code --artifacts-to}), the verify at the end ({@code null} with {@code --no-verify} or a dry
 * run), and how the events travelled and why.
 */
public record CopyReport(ImportReport imported, List<EventMoveReport> moved, TransferReport files,
        @Nullable VerifyReport verified,
        String eventsWay, List<String> notices) {

    public CopyReport {
        moved = List.copyOf(moved);
        notices = List.copyOf(notices);
    }

    /** Whether everything arrived: the verify found no difference and every moved event is at the target. */
    public boolean complete() {
        return (verified == null || verified.equal()) && moved.stream().allMatch(EventMoveReport::complete);
    }
}
