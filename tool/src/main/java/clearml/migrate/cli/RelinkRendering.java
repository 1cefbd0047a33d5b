package clearml.migrate.cli;

import clearml.migrate.relinking.RelinkReport;
import clearml.migrate.relinking.RelinkSample;
import clearml.migrate.relinking.RelinkedSource;
import java.util.Map;

/**
 * Prints a {@link RelinkReport} for people (a table per collection and index, the URLs per place under each, then
 * the samples and a total) or for programs ({@code --json}).
 */
final class RelinkRendering extends ReportRendering {

    private static final String ROW = "%-14s %-58s %10s %10s %10s%n";

    private final RelinkReport report;

    RelinkRendering(RelinkReport report) {
        super(report);
        this.report = report;
    }

    @Override
    String text() {
        StringBuilder text = new StringBuilder();
        if (report.dryRun()) {
            text.append("Dry run: nothing was written; these are the changes a relink would make.\n");
        }
        text.append(String.format(ROW, "store", "collection / index", "scanned", "changed", "urls"));
        report.sources().forEach(source -> appendSource(text, source));
        appendSamples(text);
        text.append(String.format("%s %,d URLs in %,d documents and events in %.1f s%n",
                report.dryRun() ? "Would rewrite" : "Rewrote", report.urls(), report.changed(),
                report.elapsedMillis() / 1000.0));
        if (report.failed() > 0) {
            text.append(String.format("The search engine refused %,d events; run relink again to retry them%n",
                    report.failed()));
        }
        return text.toString().stripTrailing();
    }

    private static void appendSource(StringBuilder text, RelinkedSource source) {
        text.append(String.format(ROW, source.store(), source.name(), String.format("%,d", source.scanned()),
                String.format("%,d", source.changed()), String.format("%,d", source.urls())));
        for (Map.Entry<String, Long> place : source.urlsByPlace().entrySet()) {
            text.append(String.format(ROW, "", "  " + place.getKey(), "", "", String.format("%,d", place.getValue())));
        }
        if (source.failed() > 0) {
            text.append(String.format(ROW, "", "  refused by the engine", "", String.format("%,d", source.failed()), ""));
        }
    }

    private void appendSamples(StringBuilder text) {
        if (report.samples().isEmpty()) {
            return;
        }
        text.append("Samples\n");
        for (RelinkSample sample : report.samples()) {
            text.append(String.format("  %s%n    %s%n    -> %s%n", sample.place(), sample.before(), sample.after()));
        }
    }
}
