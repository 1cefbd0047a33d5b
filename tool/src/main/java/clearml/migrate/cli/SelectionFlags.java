package clearml.migrate.cli;

import clearml.migrate.exporting.SelectionRequest;
import clearml.migrate.exporting.StatusFilter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** What a command reads from a source server, declared once for {@code export} and {@code copy}. */
final class SelectionFlags {

    // Not an exclusive group: --projects and --experiments are united (Issue #3); SelectionRequest refuses --all
    // with either, and no selection at all, with one line each.
    @Option(names = "--projects", arity = "1..*", paramLabel = "ID|NAME", order = 1,
            description = "Projects to export (ids or full names such as A/B), with all their sub-projects.")
    List<String> projects = new ArrayList<>();

    @Option(names = "--all", order = 2, description = "Every root project and every task without a project, "
            + "across all companies (narrow with --company).")
    boolean all;

    @Option(names = "--experiments", arity = "1..*", paramLabel = "ID|NAME", order = 3,
            description = "Single experiments (tasks) to export, ids or names; united with --projects.")
    List<String> experiments = new ArrayList<>();

    @Option(names = "--statuses", arity = "1..*", paramLabel = "STATUS", defaultValue = "published", order = 10,
            description = "Task statuses to export (default: ${DEFAULT-VALUE}, as ClearML's tool); queued and "
                    + "in_progress tasks are refused.")
    List<String> statuses = new ArrayList<>();

    @Option(names = "--no-events", order = 11, description = "Leave the task events (metrics, plots, debug "
            + "samples, logs) out.")
    boolean noEvents;

    @Option(names = "--company", paramLabel = "ID", order = 13, description = "Only this company's data.")
    @Nullable String company;

    @Option(names = "--include-archived", order = 14, description = "Include archived tasks and models.")
    boolean includeArchived;

    /** The selection these flags ask for; bad combinations fail here, before any store is touched. */
    SelectionRequest request() {
        return new SelectionRequest(projects, experiments, all, company,
                StatusFilter.parse(statuses, includeArchived));
    }
}
