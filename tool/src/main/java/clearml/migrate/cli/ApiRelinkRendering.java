package clearml.migrate.cli;

import clearml.migrate.apirelink.ApiRelinkReport;
import clearml.migrate.apirelink.NotRewritten;

/**
 * Prints an {@link ApiRelinkReport} for people (the direct relink's table, then per entity what the API could not
 * rewrite and why, then what else the server changed) or for programs ({@code --json}).
 */
final class ApiRelinkRendering extends ReportRendering {

    private final ApiRelinkReport report;

    ApiRelinkRendering(ApiRelinkReport report) {
        super(report);
        this.report = report;
    }

    @Override
    String text() {
        StringBuilder text = new StringBuilder("Through the REST API of ").append(report.server()).append('\n');
        text.append(new RelinkRendering(report.relinked()).text()).append('\n');
        if (!report.notRewritten().isEmpty()) {
            text.append(String.format("Not rewritten through the API: %,d URLs (relink on the server's stores, "
                    + "--mongo-host and --elastic-host, rewrites them)%n", report.urlsNotRewritten()));
            report.notRewritten().forEach(item -> appendItem(text, item));
        }
        report.notes().forEach(note -> text.append("Note: ").append(note).append('\n'));
        return text.toString().stripTrailing();
    }

    private static void appendItem(StringBuilder text, NotRewritten item) {
        String events = item.events() > 0 ? String.format(" in %,d events", item.events()) : "";
        text.append(String.format("  %s %s '%s' %s: %,d URLs%s: %s%n", item.kind(), item.id(), item.name(),
                item.place(), item.urls(), events, item.reason()));
    }
}
