package clearml.migrate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code clearml-migrate export}: writes projects or experiments, their events and links to an archive. */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Export projects or experiments, with their models and events, to an archive that ClearML's "
                + "data tool can import.")
final class ExportCommand implements Callable<Integer> {

    /** Exactly one way of naming what to export (data model §4.1). */
    static final class What {
        @Option(names = "--projects", arity = "1..*", paramLabel = "ID|NAME", order = 1,
                description = "Projects to export, with all their sub-projects.")
        List<String> projects = new ArrayList<>();

        @Option(names = "--all", order = 2, description = "Every root project, across all companies (narrow with "
                + "--company).")
        boolean all;

        @Option(names = "--experiments", arity = "1..*", paramLabel = "ID|NAME", order = 3,
                description = "Single experiments (tasks) to export.")
        List<String> experiments = new ArrayList<>();
    }

    // picocli writes the annotated fields after construction, so they cannot be final.
    @ArgGroup(exclusive = true, multiplicity = "1", order = 0)
    @Nullable What what;

    @Option(names = "--statuses", arity = "1..*", paramLabel = "STATUS", defaultValue = "published", order = 10,
            description = "Task statuses to export (default: ${DEFAULT-VALUE}, as ClearML's tool); queued and "
                    + "in_progress tasks are refused.")
    List<String> statuses = new ArrayList<>();

    @Option(names = "--no-events", order = 11, description = "Leave the task events (metrics, plots, debug "
            + "samples, logs) out of the archive.")
    boolean noEvents;

    @Option(names = "--output", paramLabel = "FILE.zip", order = 12,
            description = "The archive to write (default: a name built from the selection, in the current directory).")
    @Nullable Path output;

    @Option(names = "--company", paramLabel = "ID", order = 13, description = "Export only this company's data.")
    @Nullable String company;

    @Option(names = "--include-archived", order = 14, description = "Include archived tasks and models.")
    boolean includeArchived;

    @Option(names = "--users", order = 15, description = "Also write the users the exported data refers to "
            + "(users.json).")
    boolean users;

    @Option(names = "--with-credentials", order = 16, description = "With --users: include the users' API "
            + "credentials, secrets in clear text.")
    boolean withCredentials;

    @Option(names = "--artifacts-from", paramLabel = "DIR|URL", order = 17, description = "The file server to "
            + "copy artifacts, models and debug samples from: its data directory or its URL (writes FILE.artifacts).")
    @Nullable String artifactsFrom;

    @Option(names = "--fileserver-url", arity = "1..*", paramLabel = "PREFIX", order = 18,
            description = "URL prefixes under which the source's file server is reached.")
    List<String> fileserverUrls = new ArrayList<>();

    @Option(names = "--split-projects", order = 19, description = "Write one archive per root project.")
    boolean splitProjects;

    @Option(names = "--url-map", arity = "1..*", paramLabel = "OLD=NEW", order = 20,
            description = "Rewrite URLs starting with OLD to start with NEW while exporting.")
    Map<String, String> urlMap = new LinkedHashMap<>();

    @Option(names = "--json", order = 30, description = "Print the summary as JSON on stdout.")
    boolean json;

    @Mixin
    @Nullable ConnectionOptions connection;

    @Mixin
    @Nullable ProgressOptions progress;

    @Override
    public Integer call() {
        // When Exporter lands: build ExportSettings from these fields, run it, render its ExportReport.
        throw NotBuilt.command("export");
    }
}
