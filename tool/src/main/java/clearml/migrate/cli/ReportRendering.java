package clearml.migrate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Prints a use case's report on stdout: aligned text for people, or with {@code --json} the report record as
 * indented JSON for programs. Each command's rendering fills in only {@link #text()}.
 */
abstract class ReportRendering {

    private final Object report;

    ReportRendering(Object report) {
        this.report = report;
    }

    void print(PrintWriter out, boolean json) {
        out.println(json ? json() : text());
        out.flush();
    }

    /** The report for people. */
    abstract String text();

    /** The report for programs: the record as Jackson sees it, unless a rendering shapes it itself. */
    String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
