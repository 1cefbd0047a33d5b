package clearml.migrate.cli;

import clearml.migrate.proof.InspectReport;
import clearml.migrate.proof.InspectReport.ProjectNode;
import clearml.migrate.proof.InspectReport.TaskEvents;
import clearml.migrate.proof.InspectReport.UserSummary;
import java.util.List;
import java.util.Map;

/** Prints an {@link InspectReport} on stdout: a readable description, or the record as {@code --json}. */
final class InspectRendering extends ReportRendering {

    private final InspectReport report;

    InspectRendering(InspectReport report) {
        super(report);
        this.report = report;
    }

    @Override
    String text() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("Archive %s (%d bytes)%n", report.archive(), report.bytes()));
        appendMetadata(text);
        text.append(String.format("%nProjects%n"));
        report.projects().forEach(project -> appendProject(text, project, 1));
        text.append(String.format("%nTasks %d%n", report.tasks()));
        appendCounts(text, "by status", report.tasksByStatus());
        appendCounts(text, "by type", report.tasksByType());
        text.append(String.format("Models %d%n", report.models()));
        appendUsers(text);
        appendEvents(text);
        text.append(String.format("%nArtifacts %s%n", report.artifacts().companion().isEmpty() ? "none"
                : report.artifacts().files() + " files, " + report.artifacts().bytes() + " bytes ("
                        + report.artifacts().companion() + ")"));
        report.warnings().forEach(warning -> text.append(String.format("%nWarning: %s%n", warning)));
        appendProblems(text);
        return text.toString().stripTrailing();
    }

    private void appendMetadata(StringBuilder text) {
        InspectReport.MetadataSummary metadata = report.metadata();
        if (!metadata.present()) {
            text.append(String.format("Metadata none%n"));
            return;
        }
        text.append(String.format("Metadata%n"));
        appendPairs(text, "ClearML keys", metadata.clearmlKeys());
        appendPairs(text, "clearml-migrate", metadata.tool());
        appendPairs(text, "source", metadata.source());
        appendPairs(text, "selection", metadata.selection());
    }

    private static void appendPairs(StringBuilder text, String label, Map<String, String> pairs) {
        if (!pairs.isEmpty()) {
            text.append(String.format("  %s%n", label));
            pairs.forEach((key, value) -> text.append(String.format("    %-28s %s%n", key, value)));
        }
    }

    private static void appendProject(StringBuilder text, ProjectNode project, int depth) {
        text.append(String.format("%s%s  [%s] %d tasks, %d models%n", "  ".repeat(depth), project.name(), project.id(),
                project.tasks(), project.models()));
        project.children().forEach(child -> appendProject(text, child, depth + 1));
    }

    private static void appendCounts(StringBuilder text, String label, Map<String, Long> counts) {
        text.append(String.format("  %s%n", label));
        counts.forEach((name, count) -> text.append(String.format("    %-24s %d%n", name, count)));
    }

    private void appendUsers(StringBuilder text) {
        List<UserSummary> users = report.users();
        text.append(String.format("Users %s%n", users.isEmpty() ? "none" : users.size()));
        users.forEach(user -> text.append(String.format("  %-34s %-20s %-28s %-6s %d credentials%n", user.id(),
                user.name(), user.email(), user.role(), user.credentials())));
    }

    private void appendEvents(StringBuilder text) {
        text.append(String.format("%nEvents %d%n", report.events().total()));
        appendCounts(text, "by type", report.events().byType());
        text.append(String.format("  largest tasks%n"));
        for (TaskEvents task : report.events().largestTasks()) {
            text.append(String.format("    %-34s %-30s %d%n", task.taskId(), task.taskName(), task.events()));
        }
    }

    private void appendProblems(StringBuilder text) {
        text.append(String.format("%nProblems %s%n", report.problems().isEmpty() ? "none" : report.problems().size()));
        report.problems().forEach(problem -> text.append(String.format("  %s%n", problem)));
    }
}
