package clearml.migrate.cli;

import clearml.migrate.apitarget.ApiUndoReport;

/** Prints an {@link ApiUndoReport} for people (aligned lines) or for programs ({@code --json}). */
final class ApiUndoRendering extends ReportRendering {

    private final ApiUndoReport report;

    ApiUndoRendering(ApiUndoReport report) {
        super(report);
        this.report = report;
    }

    @Override
    String text() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("%s what the import through %s created (%s)%n",
                report.dryRun() ? "Would delete" : "Deleted", report.server(), report.idMap()));
        report.deleted().forEach((kind, count) -> text.append(String.format("  %-9s %5d deleted%s%n", kind + "s",
                count, report.alreadyGone().containsKey(kind) ? ", " + report.alreadyGone().get(kind)
                        + " already gone" : "")));
        report.kept().forEach(kept -> text.append("  kept ").append(kept).append(System.lineSeparator()));
        report.notes().forEach(note -> text.append("Note: ").append(note).append(System.lineSeparator()));
        return text.toString().stripTrailing();
    }
}
