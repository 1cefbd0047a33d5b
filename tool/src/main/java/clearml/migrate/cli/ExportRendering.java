package clearml.migrate.cli;

import clearml.migrate.exporting.ExportReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;

/** Prints an {@link ExportReport} for people (a few aligned lines) or for programs ({@code --json}). */
final class ExportRendering {

    private final ExportReport report;

    ExportRendering(ExportReport report) {
        this.report = report;
    }

    void print(PrintWriter out, boolean json) {
        out.println(json ? json() : text());
        out.flush();
    }

    private String text() {
        StringBuilder text = new StringBuilder();
        for (ExportReport.Archive archive : report.archives()) {
            text.append(archive.upToDate() ? "Up to date (no updates since the last export): " : "Wrote ")
                    .append(archive.path()).append(System.lineSeparator());
            text.append(String.format("  %d projects, %d tasks, %d models, %d task events, %d model events, %d users%n",
                    archive.projects(), archive.tasks(), archive.models(), archive.taskEvents(),
                    archive.modelEvents(), archive.users()));
            if (archive.artifacts() != null) {
                text.append(String.format("  %s: %d files, %d referenced files missing%n", archive.artifacts(),
                        archive.artifactFiles(), archive.missingFiles().size()));
                archive.missingFiles().forEach(missing -> text.append(String.format(
                        "    missing %s (%s; %s, named by %s)%n", missing.path(), missing.reason(), missing.url(),
                        missing.where())));
            }
        }
        ExportReport.Delta delta = report.delta();
        if (delta != null) {
            text.append(String.format("  a delta of %s: %d deleted, events added to %d, events replaced in %d%n",
                    delta.base().getFileName(), delta.deleted(), delta.eventsAppended(), delta.eventsReplaced()));
        }
        text.append(String.format("Skipped %d tasks of the selected projects: %d for their status, %d archived%n",
                report.skippedForStatus() + report.skippedArchived(), report.skippedForStatus(),
                report.skippedArchived()));
        report.linkChanges().forEach((place, count) ->
                text.append(String.format("URLs rewritten in %-40s %d%n", place, count)));
        report.leftOut().forEach((what, count) -> text.append(String.format(
                "Left out for ClearML %s's importer: %-30s %d%n", report.forClearml(), what, count)));
        report.notReturned().forEach((what, count) -> text.append(String.format(
                "Not returned by the API: %-40s %d%n", what, count)));
        report.warnings().forEach(warning -> text.append("Warning: ").append(warning).append(System.lineSeparator()));
        return text.toString().stripTrailing();
    }

    private String json() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ArrayNode archives = root.putArray("archives");
        for (ExportReport.Archive archive : report.archives()) {
            archives.addObject().put("path", archive.path().toString()).put("up_to_date", archive.upToDate())
                    .put("projects", archive.projects()).put("tasks", archive.tasks()).put("models", archive.models())
                    .put("task_events", archive.taskEvents()).put("model_events", archive.modelEvents())
                    .put("users", archive.users()).put("missing_models", archive.missingModels())
                    .put("artifacts", archive.artifacts() == null ? null : String.valueOf(archive.artifacts()))
                    .put("artifact_files", archive.artifactFiles())
                    .set("missing_files", missingFiles(mapper, archive));
        }
        root.putObject("skipped").put("status", report.skippedForStatus()).put("archived", report.skippedArchived());
        ObjectNode links = root.putObject("url_changes");
        report.linkChanges().forEach(links::put);
        ExportReport.Delta delta = report.delta();
        if (delta != null) {
            root.putObject("delta").put("base", delta.base().toString()).put("base_id", delta.baseId())
                    .put("deleted", delta.deleted()).put("events_appended", delta.eventsAppended())
                    .put("events_replaced", delta.eventsReplaced());
        }
        root.put("for_clearml", report.forClearml());
        ObjectNode leftOut = root.putObject("left_out");
        report.leftOut().forEach(leftOut::put);
        ObjectNode notReturned = root.putObject("not_returned");
        report.notReturned().forEach(notReturned::put);
        ArrayNode warnings = root.putArray("warnings");
        report.warnings().forEach(warnings::add);
        return root.toPrettyString();
    }

    private static ArrayNode missingFiles(ObjectMapper mapper, ExportReport.Archive archive) {
        ArrayNode missing = mapper.createArrayNode();
        archive.missingFiles().forEach(file -> missing.addObject().put("path", file.path()).put("url", file.url())
                .put("where", file.where()).put("reason", file.reason()));
        return missing;
    }
}
