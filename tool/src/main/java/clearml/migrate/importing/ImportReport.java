package clearml.migrate.importing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an import did, or in a dry run would do: per entity kind the created, overwritten, merged and skipped
 * counts; the events per type; users; renamed projects; rewritten links; and notices for the user.
 *
 * @param archive          the archive imported
 * @param company          the target company ({@code ""}: public read-only Examples)
 * @param owner            the user owning every entity whose archived owner is not mapped
 * @param dryRun           true when nothing was written
 * @param entities         counts per entity kind: {@code project}, {@code model}, {@code task}
 * @param events           events indexed (or to index) per event type
 * @param eventsSkipped    archived events not imported: their task was skipped or is not in the archive
 * @param usersCreated     users created from {@code users.json}, plus the owner when it had to be created
 * @param usersMatched     archived users matched to existing target users by e-mail or id
 * @param projectsRenamed  existing projects renamed under {@code --on-project-name rename-existing}
 * @param linksRewritten   URLs rewritten through {@code --url-map}
 * @param artifactFiles    files extracted from the {@code .artifacts} companion
 * @param statistics       per {@code kind.field} (e.g. {@code task.last_metrics}), the documents whose statistics
 *                         were filled or corrected from their events
 * @param serverLine       the ClearML server line ({@code 1.x}, {@code 2.x}) whose statistics were written
 * @param notices          one line each: what the user should know (public import, ignored metadata…)
 * @param unchanged        per kind ({@code projects}, {@code tasks}, {@code models}, {@code users}, {@code events},
 *                         {@code files}), what the target held already exactly as the import would write it, and
 *                         was left alone: all of it when an import runs again over itself
 */
public record ImportReport(Path archive, String company, String owner, boolean dryRun,
        Map<String, EntityCounts> entities, Map<String, Long> events, long eventsSkipped, long usersCreated,
        long usersMatched, long projectsRenamed, long linksRewritten, long artifactFiles,
        Map<String, StatisticsCount> statistics, String serverLine, List<String> notices,
        @Nullable Path undoJournal, Map<String, Long> unchanged) {

    /** The kinds {@link #unchanged()} counts, in the order the summary shows them. */
    public static final List<String> UNCHANGED_KINDS = List.of("projects", "tasks", "models", "users", "events", "files");

    public ImportReport {
        entities = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(entities));
        events = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(events));
        statistics = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(statistics));
        notices = List.copyOf(notices);
        Map<String, Long> all = new java.util.LinkedHashMap<>();
        for (String kind : UNCHANGED_KINDS) {
            all.put(kind, unchanged.getOrDefault(kind, 0L));
        }
        unchanged = java.util.Collections.unmodifiableMap(all);
    }

    /** The counts of one entity kind ({@code project}, {@code model}, {@code task}). */
    public EntityCounts entities(String kind) {
        return entities.getOrDefault(kind, EntityCounts.NONE);
    }

    /** Events imported across all types. */
    public long eventsTotal() {
        return events.values().stream().mapToLong(Long::longValue).sum();
    }
}
