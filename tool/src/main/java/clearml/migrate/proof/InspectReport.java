package clearml.migrate.proof;

import java.util.List;
import java.util.Map;

/**
 * What {@code clearml-migrate inspect} found in an archive: its project tree, tasks by status and type, models,
 * users (never their secrets), events, artifacts, metadata, and every problem that did not stop the reading.
 *
 * @param archive       the archive file
 * @param bytes         its size on disk
 * @param projects      the root projects, each with its subprojects; a project whose parent is absent is a root
 * @param tasks         the number of tasks
 * @param tasksByStatus task count per {@code status} ({@code ""} when a task has none)
 * @param tasksByType   task count per {@code type}
 * @param models        the number of models
 * @param users         the archived users, or empty when the archive has no {@code users.json}
 * @param events        event counts per type and the largest tasks
 * @param artifacts     the {@code .artifacts} companion next to the archive
 * @param metadata      what {@code metadata.json} says
 * @param problems      one line each, in the order found
 * @param warnings      what is not wrong with the archive but matters for where it goes, one line each (say, events
 *                      ClearML's importer would drop)
 */
public record InspectReport(String archive, long bytes, List<ProjectNode> projects, long tasks,
        Map<String, Long> tasksByStatus, Map<String, Long> tasksByType, long models, List<UserSummary> users,
        EventSummary events, ArtifactsSummary artifacts, MetadataSummary metadata, List<String> problems,
        List<String> warnings) {

    public InspectReport {
        projects = List.copyOf(projects);
        tasksByStatus = Sorted.map(tasksByStatus);
        tasksByType = Sorted.map(tasksByType);
        users = List.copyOf(users);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /** One project with the tasks and models that name it directly, and its subprojects. */
    public record ProjectNode(String id, String name, long tasks, long models, List<ProjectNode> children) {
        public ProjectNode {
            children = List.copyOf(children);
        }
    }

    /**
     * One archived user; credentials are counted, never shown (data model §3.7: they hold key and secret in
     * clear text).
     */
    public record UserSummary(String id, String name, String email, String role, int credentials) {
    }

    /** Events per type, in total, and the tasks with the most events (largest first). */
    public record EventSummary(long total, Map<String, Long> byType, List<TaskEvents> largestTasks) {
        public EventSummary {
            byType = Sorted.map(byType);
            largestTasks = List.copyOf(largestTasks);
        }
    }

    /** The number of events one task has in the archive. */
    public record TaskEvents(String taskId, String taskName, long events) {
    }

    /** The {@code .artifacts} companion: its path ({@code ""} when there is none), files and uncompressed bytes. */
    public record ArtifactsSummary(String companion, long files, long bytes) {
    }

    /**
     * {@code metadata.json} (data model §3.6): whether present, the ClearML keys it sets, and what our exporter
     * recorded under its own key (format and tool version, source versions, selection), each flattened to
     * {@code dotted.path -> text}.
     */
    public record MetadataSummary(boolean present, Map<String, String> clearmlKeys, Map<String, String> tool,
            Map<String, String> source, Map<String, String> selection) {
        public MetadataSummary {
            clearmlKeys = Sorted.map(clearmlKeys);
            tool = Sorted.map(tool);
            source = Sorted.map(source);
            selection = Sorted.map(selection);
        }
    }
}
