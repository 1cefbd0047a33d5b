package clearml.migrate.exporting;

import clearml.migrate.failures.UsageException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which tasks of the selected projects are exported: those in one of the chosen statuses, and not archived unless
 * archived tasks are asked for (data model §4.2 step 2). Tasks named one by one are not filtered here.
 *
 * @param statuses the accepted statuses; {@code published} when none were given, as ClearML's tool does (§4.1)
 * @param includeArchived whether archived tasks are exported too
 */
public record StatusFilter(Set<String> statuses, boolean includeArchived) {

    /** Every task status ClearML knows (data model §1.4). */
    public static final List<String> KNOWN = List.of("created", "queued", "in_progress", "stopped", "publishing",
            "published", "closed", "failed", "completed", "unknown");

    /** Statuses of tasks that are still changing: their events and models would be caught half-written. */
    public static final List<String> ACTIVE = List.of("queued", "in_progress");

    public StatusFilter {
        statuses = Set.copyOf(statuses);
    }

    /** Why a task of a selected project is or is not exported. */
    public enum Verdict { EXPORTED, SKIPPED_STATUS, SKIPPED_ARCHIVED }

    /**
     * Parses the {@code --statuses} values (case-insensitive, comma-separated values allowed).
     *
     * @throws UsageException for an unknown status, or for {@code queued}/{@code in_progress}
     */
    public static StatusFilter parse(Collection<String> names, boolean includeArchived) {
        Set<String> statuses = new LinkedHashSet<>();
        for (String name : names) {
            for (String part : name.split(",")) {
                if (!part.isBlank()) {
                    statuses.add(checked(part.trim().toLowerCase(Locale.ROOT)));
                }
            }
        }
        return new StatusFilter(statuses.isEmpty() ? Set.of("published") : statuses, includeArchived);
    }

    public Verdict judge(TaskRef task) {
        if (task.archived() && !includeArchived) {
            return Verdict.SKIPPED_ARCHIVED;
        }
        return statuses.contains(task.status()) ? Verdict.EXPORTED : Verdict.SKIPPED_STATUS;
    }

    private static String checked(String status) {
        if (ACTIVE.contains(status)) {
            throw new UsageException("--statuses " + status + " is refused: a " + status
                    + " task is still changing; stop or dequeue those tasks first, then export them as stopped");
        }
        if (!KNOWN.contains(status)) {
            throw new UsageException("--statuses " + status + " is not a ClearML task status; use one of "
                    + String.join(", ", KNOWN.stream().filter(known -> !ACTIVE.contains(known)).toList()));
        }
        return status;
    }
}
