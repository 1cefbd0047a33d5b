package clearml.migrate.apitarget;

import java.util.List;
import java.util.Map;

/**
 * What {@code undo --api-host} did with the entities an import through the API created and the files it placed.
 *
 * @param idMap        the id map read
 * @param server       the API server
 * @param dryRun       whether nothing was deleted
 * @param deleted      per kind ({@code file} for placed files), entities deleted (or, in a dry run, to delete)
 * @param alreadyGone  per kind, entities (and files) the server no longer had
 * @param kept         entities and files left in place, each with the reason
 * @param notes        what undo through the API cannot restore
 */
public record ApiUndoReport(String idMap, String server, boolean dryRun, Map<String, Long> deleted,
        Map<String, Long> alreadyGone, List<String> kept, List<String> notes) {

    public ApiUndoReport {
        deleted = Map.copyOf(deleted);
        alreadyGone = Map.copyOf(alreadyGone);
        kept = List.copyOf(kept);
        notes = List.copyOf(notes);
    }
}
