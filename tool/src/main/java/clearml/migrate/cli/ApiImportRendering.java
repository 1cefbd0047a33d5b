package clearml.migrate.cli;

import clearml.migrate.apitarget.ApiImportReport;
import clearml.migrate.apitarget.FieldDifference;
import clearml.migrate.importing.EntityCounts;
import java.util.Map;

/** Prints an {@link ApiImportReport} for people (aligned lines) or for programs ({@code --json}). */
final class ApiImportRendering extends ReportRendering {

    private final ApiImportReport report;

    ApiImportRendering(ApiImportReport report) {
        super(report);
        this.report = report;
    }

    @Override
    String text() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("%s %s through the API of %s (company %s)%n",
                report.dryRun() ? "Would import" : "Imported", report.archive(), report.server(), report.company()));
        for (Map.Entry<String, EntityCounts> planned : report.planned().entrySet()) {
            String kind = planned.getKey();
            EntityCounts counts = planned.getValue();
            text.append(String.format("  %-9s %5d created, %5d updated, %5d merged, %5d skipped%n", kind + "s",
                    report.created().getOrDefault(kind, 0L), report.updated().getOrDefault(kind, 0L),
                    counts.merged(), counts.skipped()));
        }
        if (report.unchanged() > 0) {
            text.append(String.format("  unchanged %5d models and tasks a former run finished%n", report.unchanged()));
        }
        text.append(String.format("  events    %5d sent%s%n", report.eventsSent(),
                report.eventsRefused() == 0 ? "" : ", " + report.eventsRefused() + " REFUSED by the server"));
        if (report.files() > 0) {
            text.append(String.format("  files     %5d placed%n", report.files()));
        }
        if (report.notOwned() > 0) {
            text.append(String.format("  owners    %d entities are the caller's, not their archived owner's (act-as "
                    + "needs an admin key and the owner on the server)%n", report.notOwned()));
        }
        if (report.idValuesMapped() > 0) {
            text.append(String.format("  ids       %d runtime/parameter values that were archived ids now name the "
                    + "server's entities%n", report.idValuesMapped()));
        }
        differences(text);
        report.notices().forEach(notice -> text.append("Note: ").append(notice).append(System.lineSeparator()));
        return text.toString().stripTrailing();
    }

    private void differences(StringBuilder text) {
        if (report.differencesByField().isEmpty()) {
            text.append(String.format("Read back: the server kept every field%n"));
            return;
        }
        text.append(String.format("Read back: the server did NOT keep these fields (entities per field)%n"));
        report.differencesByField().forEach((field, count) -> text.append(String.format("  %-40s %5d%n", field,
                count)));
        for (FieldDifference difference : report.differences()) {
            text.append("  ").append(difference.describe()).append(System.lineSeparator());
        }
    }
}
