package clearml.migrate.cli;

import clearml.migrate.events.EventIndex;
import clearml.migrate.mongo.Company;
import clearml.migrate.ping.PingReport;

/** Prints a {@link PingReport} for people (aligned lines) or for programs ({@code --json}). */
final class PingRendering extends ReportRendering {

    private final PingReport report;

    PingRendering(PingReport report) {
        super(report);
        this.report = report;
    }

    @Override
    String text() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("MongoDB           %s%n", report.mongoVersion()));
        String schema = report.schemaVersion();
        text.append(String.format("ClearML schema    %s%n", schema == null ? "none recorded" : schema));
        text.append(String.format("Companies         %d%n", report.companies().size()));
        for (Company company : report.companies()) {
            text.append(String.format("  %s  %s%n", company.id(), company.name()));
        }
        text.append(String.format("Search engine     %s %s%n", report.engine().distribution(), report.engine().version()));
        text.append(String.format("Event indices     %d, %,d events%n", report.eventIndices().size(), report.events()));
        for (EventIndex index : report.eventIndices()) {
            text.append(String.format("  %-60s %,12d%n", index.name(), index.docs()));
        }
        return text.toString().stripTrailing();
    }
}
