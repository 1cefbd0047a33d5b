package clearml.migrate.apirelink;

import clearml.migrate.undo.UndoConflict;
import java.util.List;

/**
 * What {@code undo --api-host} of a relink through the API did, or in a dry run would do.
 *
 * @param journal the journal undone
 * @param server the API server
 * @param dryRun whether nothing was written
 * @param fieldsRestored entity fields set back to their value before the relink
 * @param eventsRestored events re-sent with their URLs before the relink
 * @param unchanged fields and events that held their old value already (undone before, or never written)
 * @param forced changes found since the relink and restored anyway ({@code --force})
 * @param kept what could not be set back, with the server's answer
 */
public record ApiRelinkUndoReport(String journal, String server, boolean dryRun, long fieldsRestored,
        long eventsRestored, long unchanged, List<UndoConflict> forced, List<String> kept) {

    public ApiRelinkUndoReport {
        forced = List.copyOf(forced);
        kept = List.copyOf(kept);
    }
}
