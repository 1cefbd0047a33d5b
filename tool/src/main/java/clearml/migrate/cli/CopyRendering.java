package clearml.migrate.cli;

import clearml.migrate.apitarget.ApiImportReport;
import clearml.migrate.copying.CopyReport;
import clearml.migrate.files.PlacementReport;
import clearml.migrate.files.TransferReport;
import clearml.migrate.moving.EventMoveReport;
import clearml.migrate.proof.VerifyReport;
import java.io.PrintWriter;
import java.util.Objects;

/**
 * Prints a {@link CopyReport}: notes on stderr; on stdout the import's summary, how the events travelled (per type
 * what the source held and the target holds when they moved engine to engine), then the verify's outcome.
 */
final class CopyRendering extends ReportRendering {

    private final CopyReport report;

    CopyRendering(CopyReport report) {
        super(report);
        this.report = report;
    }

    void print(PrintWriter out, PrintWriter err, boolean json) {
        printNotes(err);
        print(out, json);
    }

    /** The import's, the copy's and the verify's notes, on stderr. */
    void printNotes(PrintWriter err) {
        // Through the API the import's notices are part of its summary (ApiImportRendering), as for import.
        if (report.imported() != null) {
            report.imported().notices().forEach(notice -> err.println("note: " + notice));
        }
        report.notices().forEach(notice -> err.println("note: " + notice));
        VerifyReport verified = report.verified();
        if (verified != null) {
            verified.notes().forEach(note -> err.println("note: verify: " + note));
        }
        err.flush();
    }

    @Override
    String text() {
        StringBuilder text = new StringBuilder(report.imported() != null ? new ImportRendering(report.imported())
                .text() : new ApiImportRendering(Objects.requireNonNull(report.throughApi())).text()).append('\n');
        text.append("events travelled: ").append(report.eventsWay()).append('\n');
        for (EventMoveReport moved : report.moved()) {
            moved.types().forEach(type -> text.append(String.format("  %-20s %-8s source %d, target %d%n",
                    type.type().value(), type.via().flagValue(), type.atSource(), type.atTarget())));
            moved.failures().forEach(failure -> text.append("  failed: ").append(failure).append('\n'));
        }
        appendFiles(text);
        VerifyReport verified = report.verified();
        if (verified == null) {
            text.append(report.dryRun() ? "" : "Not verified (--no-verify).");
        } else {
            text.append(new VerifyRendering(verified).text().replace("the archive holds", "the source holds"));
        }
        return text.toString().stripTrailing();
    }

    /** The file that takes the copy back, and how: through the API, {@code undo --api-host URL} of its id map. */
    static void printUndoHint(PrintWriter err, CopyReport report) {
        ApiImportReport throughApi = report.throughApi();
        UndoHint.print(err, report.undoFile(), throughApi == null ? "" : "--api-host " + throughApi.server() + " ");
    }

    /** The files moved store to store, and each referenced file the source's file server did not have. */
    private void appendFiles(StringBuilder text) {
        TransferReport files = report.files();
        if (files.equals(TransferReport.NONE)) {
            return;
        }
        PlacementReport placed = files.placed();
        text.append(String.format("files: %d created, %d replaced, %d unchanged (%d bytes read)%n", placed.created(),
                placed.replaced(), placed.unchanged(), placed.bytes()));
        files.missing().forEach(missing -> text.append(String.format("  not copied: %s (%s, %s): %s%n",
                missing.path(), missing.url(), missing.where(), missing.reason())));
    }
}
