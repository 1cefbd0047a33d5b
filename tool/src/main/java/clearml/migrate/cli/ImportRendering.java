package clearml.migrate.cli;

import clearml.migrate.importing.EntityCounts;
import clearml.migrate.importing.ImportReport;
import clearml.migrate.importing.StatisticsCount;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Prints an {@link ImportReport}: notices on stderr, then a summary table (or {@code --json}) on stdout. */
final class ImportRendering {

    private static final List<String> KINDS = List.of("project", "model", "task");

    private final ImportReport report;

    ImportRendering(ImportReport report) {
        this.report = report;
    }

    void print(PrintWriter out, PrintWriter err, boolean json) {
        report.notices().forEach(notice -> err.println("note: " + notice));
        err.flush();
        out.println(json ? json() : text());
        out.flush();
    }

    private String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(new JsonView(report));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    String text() {
        StringBuilder text = new StringBuilder();
        text.append(report.dryRun() ? "Dry run: nothing was written. Plan for " : "Imported ")
                .append(report.archive().getFileName()).append(String.format(" into company \"%s\", owner %s%n",
                        report.company(), report.owner()));
        text.append(String.format("%-10s %9s %11s %8s %8s %9s%n", "entity", "created", "overwritten", "merged",
                "skipped", "unchanged"));
        for (String kind : KINDS) {
            EntityCounts counts = report.entities(kind);
            text.append(String.format("%-10s %9d %11d %8d %8d %9d%n", kind + "s", counts.created(),
                    counts.overwritten(), counts.merged(), counts.skipped(), report.unchanged().get(kind + "s")));
        }
        text.append(String.format("%-22s %d%n", "events", report.eventsTotal()));
        report.events().forEach((type, count) -> text.append(String.format("  %-20s %d%n", type, count)));
        appendIfAny(text, "events unchanged", report.unchanged().get("events"));
        appendIfAny(text, "events skipped", report.eventsSkipped());
        appendIfAny(text, "users created", report.usersCreated());
        appendIfAny(text, "users matched", report.usersMatched());
        appendIfAny(text, "projects renamed", report.projectsRenamed());
        appendIfAny(text, "links rewritten", report.linksRewritten());
        appendIfAny(text, "users unchanged", report.unchanged().get("users"));
        appendIfAny(text, "artifact files", report.artifactFiles());
        appendIfAny(text, "files unchanged", report.unchanged().get("files"));
        report.statistics().forEach((field, count) -> text.append(String.format("%-22s %d filled, %d corrected%n",
                field, count.filled(), count.corrected())));
        return text.toString().stripTrailing();
    }

    private static void appendIfAny(StringBuilder text, String label, long count) {
        if (count > 0) {
            text.append(String.format("%-22s %d%n", label, count));
        }
    }

    /** The report as {@code --json} shows it: the archive as a plain path string. */
    private record JsonView(String archive, String company, String owner, boolean dryRun,
            Map<String, EntityCounts> entities, Map<String, Long> events, long eventsSkipped, long usersCreated,
            long usersMatched, long projectsRenamed, long linksRewritten, long artifactFiles,
            Map<String, StatisticsCount> statistics, String serverLine, List<String> notices,
            Map<String, Long> unchanged) {

        JsonView(ImportReport report) {
            this(report.archive().toString(), report.company(), report.owner(), report.dryRun(), report.entities(),
                    report.events(), report.eventsSkipped(), report.usersCreated(), report.usersMatched(),
                    report.projectsRenamed(), report.linksRewritten(), report.artifactFiles(), report.statistics(),
                    report.serverLine(), report.notices(), report.unchanged());
        }
    }
}
