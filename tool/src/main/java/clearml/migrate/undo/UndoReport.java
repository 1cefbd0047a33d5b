package clearml.migrate.undo;

import java.util.List;
import java.util.Map;

/**
 * What an undo did.
 *
 * @param journal the journal file
 * @param command the command that wrote it ({@code import}, {@code relink})
 * @param settings that command's settings as its journal holds them (no secrets)
 * @param started when that command began (ISO-8601)
 * @param committed whether that command finished; false when it was interrupted
 * @param truncated whether the journal ended inside a record (the command was killed while writing it)
 * @param records how many change records the journal holds
 * @param dryRun whether nothing was written
 * @param steps what was undone, or would be in a dry run
 * @param conflicts how many documents had changed since the command; only with {@code --force} is this non-zero
 * @param forced the first {@value Undoer#KEPT_CONFLICTS} of them, restored anyway
 */
public record UndoReport(String journal, String command, Map<String, String> settings, String started,
        boolean committed, boolean truncated, long records, boolean dryRun, UndoCounts steps, long conflicts,
        List<UndoConflict> forced) {

    public UndoReport {
        settings = Map.copyOf(settings);
        forced = List.copyOf(forced);
    }
}
