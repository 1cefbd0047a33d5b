package clearml.migrate.cli;

import clearml.migrate.proof.Difference;
import clearml.migrate.proof.VerifyReport;
import java.io.PrintWriter;

/** Prints a {@link VerifyReport}: notes on stderr, then what was compared and each difference (or {@code --json}). */
final class VerifyRendering extends ReportRendering {

    private final VerifyReport report;

    VerifyRendering(VerifyReport report) {
        super(report);
        this.report = report;
    }

    void print(PrintWriter out, PrintWriter err, boolean json) {
        report.notes().forEach(note -> err.println("note: " + note));
        err.flush();
        print(out, json);
    }

    @Override
    String text() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("Compared %s with company \"%s\" (owner %s)%n", report.archive(), report.company(),
                report.owner()));
        appendCompared(text);
        if (report.equal()) {
            text.append("Equal: the target holds what the archive holds.");
            return text.toString();
        }
        appendDifferences(text);
        return text.toString().stripTrailing();
    }

    private void appendCompared(StringBuilder text) {
        report.entities().forEach((kind, count) -> text.append(String.format("  %-22s %d%n", kind + "s", count)));
        text.append(String.format("  %-22s %d%n", "events of tasks+models", report.tasksWithEvents()));
        report.eventsByType().forEach((type, count) -> text.append(String.format("    %-20s %d%n", type, count)));
        text.append(String.format("  %-22s %d%n", "artifact files", report.files()));
        if (report.users() > 0) {
            text.append(String.format("  %-22s %d%n", "users", report.users()));
        }
    }

    private void appendDifferences(StringBuilder text) {
        long total = report.differences().size() + report.differencesNotShown();
        text.append(String.format("%d differences%n", total));
        for (Difference difference : report.differences()) {
            text.append(String.format("  %s%n", difference));
        }
        if (report.differencesNotShown() > 0) {
            text.append(String.format("  … and %d more%n", report.differencesNotShown()));
        }
    }
}
