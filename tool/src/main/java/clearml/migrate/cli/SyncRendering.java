package clearml.migrate.cli;

import clearml.migrate.copying.CopyReport;
import clearml.migrate.copying.SyncReport;
import java.io.PrintWriter;

/** Prints a {@link SyncReport}: per pass what it moved (as {@code copy} prints it), or that nothing changed. */
final class SyncRendering extends ReportRendering {

    private final SyncReport report;

    SyncRendering(SyncReport report) {
        super(report);
        this.report = report;
    }

    void print(PrintWriter out, PrintWriter err, boolean json) {
        for (SyncReport.Pass pass : report.passes()) {
            if (pass.leftForStatus() > 0) {
                err.println("note: pass " + pass.number() + ": " + pass.leftForStatus() + " tasks left out for their"
                        + " status (running or queued ones are copied by a later pass once they finish)");
            }
            CopyReport copied = pass.copied();
            if (copied != null) {
                new CopyRendering(copied).printNotes(err);
                CopyRendering.printUndoHint(err, copied);
            }
        }
        err.flush();
        print(out, json);
    }

    @Override
    String text() {
        StringBuilder text = new StringBuilder();
        for (SyncReport.Pass pass : report.passes()) {
            CopyReport copied = pass.copied();
            text.append(String.format("Pass %d: ", pass.number()));
            if (copied == null) {
                text.append("nothing changed at the source since the last pass; nothing was written.\n");
                continue;
            }
            text.append(pass.first() ? "first pass, a full copy" : pass.changes() + " changes").append('\n');
            text.append(new CopyRendering(copied).text()).append('\n');
        }
        return text.toString().stripTrailing();
    }
}
