package clearml.migrate.exporting;

import clearml.migrate.failures.UsageException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the user asked to export: {@code --projects}, {@code --experiments} (united when both are given) or
 * {@code --all}, narrowed by {@code --company} and the status filter.
 *
 * @param projects project ids or full names ({@code A/B})
 * @param experiments task ids or names
 * @param all every root project (and every task without a project)
 * @param company the only company to look in, or null for every company
 * @param filter which tasks of the selected projects are exported
 */
public record SelectionRequest(List<String> projects, List<String> experiments, boolean all,
                               @Nullable String company, StatusFilter filter) {

    public SelectionRequest {
        projects = List.copyOf(projects);
        experiments = List.copyOf(experiments);
        if (all && !(projects.isEmpty() && experiments.isEmpty())) {
            throw new UsageException("--all and --projects/--experiments are mutually exclusive; use one or the other");
        }
        if (!all && projects.isEmpty() && experiments.isEmpty()) {
            throw new UsageException("nothing to export; give --projects, --experiments or --all");
        }
    }
}
