package clearml.migrate.cli;

import clearml.migrate.undo.UndoConflict;
import clearml.migrate.undo.UndoCounts;
import clearml.migrate.undo.UndoReport;

/** Prints an {@link UndoReport} for people (aligned lines) or for programs ({@code --json}). */
final class UndoRendering extends ReportRendering {

    private final UndoReport report;

    UndoRendering(UndoReport report) {
        super(report);
        this.report = report;
    }

    @Override
    String text() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("%s the %s of %s (%s%s)%n", report.dryRun() ? "Dry run, would undo" : "Undid",
                report.command(), report.started(), report.committed() ? "finished" : "interrupted",
                report.truncated() ? ", journal cut short at its last record" : ""));
        UndoCounts steps = report.steps();
        line(text, "Documents deleted", steps.documentsDeleted());
        line(text, "Documents restored", steps.documentsRestored());
        line(text, "Fields restored", steps.fieldsRestored());
        line(text, "Events deleted", steps.eventsDeleted());
        line(text, "Tasks' events deleted", steps.tasksEventsDeleted());
        line(text, "Events restored", steps.eventsRestored());
        line(text, "Event fields restored", steps.eventFieldsRestored());
        line(text, "Files deleted", steps.filesDeleted());
        line(text, "Files restored", steps.filesRestored());
        if (report.conflicts() > 0) {
            text.append(String.format("Changed since the %s, restored anyway (--force): %,d%n", report.command(),
                    report.conflicts()));
            for (UndoConflict conflict : report.forced()) {
                text.append(String.format("  %s '%s': %s%n", conflict.place(), conflict.id(), conflict.reason()));
            }
        }
        return text.toString().stripTrailing();
    }

    private static void line(StringBuilder text, String label, long count) {
        text.append(String.format("  %-22s %,12d%n", label, count));
    }
}
