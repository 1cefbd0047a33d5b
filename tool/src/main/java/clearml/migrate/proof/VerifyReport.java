package clearml.migrate.proof;

import java.util.List;
import java.util.Map;

/**
 * What {@code clearml-migrate verify} found: how much it compared and every difference, each named once.
 *
 * @param archive            the archive compared with
 * @param company            the target company compared in ({@code ""}: public data)
 * @param owner              the owner expected on entities whose archived owner is not mapped
 * @param entities           per kind ({@code project}, {@code model}, {@code task}) how many were compared
 * @param tasksWithEvents    tasks whose event counts were compared
 * @param eventsByType       the archived events compared, per type
 * @param files              artifact files looked for ({@code 0} without {@code --artifacts-to})
 * @param users              archived users looked for ({@code 0} without {@code --users})
 * @param differences        the differences, at most {@value Differences#LIMIT}
 * @param differencesNotShown differences beyond those listed
 * @param notes              what the user should know about the comparison itself
 */
public record VerifyReport(String archive, String company, String owner, Map<String, Long> entities,
        long tasksWithEvents, Map<String, Long> eventsByType, long files, long users, List<Difference> differences,
        long differencesNotShown, List<String> notes) {

    public VerifyReport {
        entities = Sorted.map(entities);
        eventsByType = Sorted.map(eventsByType);
        differences = List.copyOf(differences);
        notes = List.copyOf(notes);
    }

    /** True when the target holds exactly what the archive and the import flags say. */
    public boolean equal() {
        return differences.isEmpty() && differencesNotShown == 0;
    }
}
