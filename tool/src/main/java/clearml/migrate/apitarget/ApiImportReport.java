package clearml.migrate.apitarget;

import clearml.migrate.importing.EntityCounts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code import --api-host} did: the plan's counts, what it created and updated on the server, the events it
 * sent, and every field the server did not keep as the archive holds it (the first {@value #KEPT_DIFFERENCES}, and a
 * count per {@code kind.path}).
 *
 * @param archive             the archive imported
 * @param server              the API server
 * @param company             the company the caller's key writes into
 * @param dryRun              whether nothing was written
 * @param planned             per kind, what the plan decided
 * @param created             per kind, entities the server created
 * @param updated             per kind, entities a former run had created, updated
 * @param unchanged           models and tasks a former run finished, found as expected and left alone
 * @param eventsSent          events the server added
 * @param eventsRefused       events the server answered as errors
 * @param differences         fields not kept, the first {@value #KEPT_DIFFERENCES}
 * @param differencesByField  all of them counted per {@code kind.path}
 * @param notOwned            entities created as the caller, not as their archived owner (act-as needs an admin key
 *                            and the owner on the server)
 * @param idValuesMapped      user values (runtime, hyperparameter, configuration) that were an archived id
 * @param files               files placed on the file server
 * @param idMap               the id map file
 * @param notices             what the user should know
 */
public record ApiImportReport(Path archive, String server, String company, boolean dryRun,
        Map<String, EntityCounts> planned, Map<String, Long> created, Map<String, Long> updated, long unchanged, long eventsSent,
        long eventsRefused, List<FieldDifference> differences, Map<String, Long> differencesByField, long notOwned,
        long idValuesMapped, long files, @Nullable Path idMap, List<String> notices) {

    public static final int KEPT_DIFFERENCES = 100;

    public ApiImportReport {
        planned = Map.copyOf(planned);
        created = Map.copyOf(created);
        updated = Map.copyOf(updated);
        differences = List.copyOf(differences);
        differencesByField = Map.copyOf(differencesByField);
        notices = List.copyOf(notices);
    }

    /** Whether the server kept everything the archive holds (besides ids, dates and owners, kept in migrated). */
    public boolean complete() {
        return differencesByField.isEmpty() && eventsRefused == 0;
    }
}
