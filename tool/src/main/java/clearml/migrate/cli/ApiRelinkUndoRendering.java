package clearml.migrate.cli;

import clearml.migrate.apirelink.ApiRelinkUndoReport;

/** Prints an {@link ApiRelinkUndoReport} for people (aligned lines) or for programs ({@code --json}). */
final class ApiRelinkUndoRendering extends ReportRendering {

    private final ApiRelinkUndoReport report;

    ApiRelinkUndoRendering(ApiRelinkUndoReport report) {
        super(report);
        this.report = report;
    }

    @Override
    String text() {
        StringBuilder text = new StringBuilder();
        String verb = report.dryRun() ? "Would restore" : "Restored";
        text.append(String.format("%s what the relink through %s changed (%s)%n", verb, report.server(),
                report.journal()));
        text.append(String.format("  %,d fields, %,d events restored; %,d held their old value already%n",
                report.fieldsRestored(), report.eventsRestored(), report.unchanged()));
        report.forced().forEach(conflict -> text.append(String.format("  changed since, restored anyway (--force): "
                + "%s '%s': %s%n", conflict.place(), conflict.id(), conflict.reason())));
        report.kept().forEach(kept -> text.append("  kept ").append(kept).append('\n'));
        return text.toString().stripTrailing();
    }
}
