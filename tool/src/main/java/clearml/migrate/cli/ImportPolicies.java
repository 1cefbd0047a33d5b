package clearml.migrate.cli;

import clearml.migrate.importing.ConflictPolicy;
import clearml.migrate.importing.ImportSettings;
import clearml.migrate.importing.ProjectNamePolicy;
import picocli.CommandLine.Option;

/**
 * How a command that writes entities into a target meets what is there, declared once for {@code import} and
 * {@code copy}: conflicts by id, by project name, and a dry run.
 */
final class ImportPolicies {

    /** What to do with an entity whose id the target already holds. */
    enum OnConflict { OVERWRITE, SKIP, FAIL }

    /** What to do with a project whose name the target already uses under another id. */
    enum OnProjectName { MERGE, RENAME_EXISTING, FAIL }

    // picocli writes the annotated fields after construction, so they cannot be final.
    @Option(names = "--dry-run", order = 3, description = "Check the data against the target and report what "
            + "would change, writing nothing.")
    boolean dryRun;

    @Option(names = "--on-conflict", paramLabel = "overwrite|skip|fail", defaultValue = "overwrite", order = 4,
            description = "When the target already holds an entity with the same id (default: ${DEFAULT-VALUE}, "
                    + "as ClearML's tool).")
    String onConflict = "overwrite";

    @Option(names = "--on-project-name", paramLabel = "merge|rename-existing|fail", defaultValue = "merge",
            order = 5, description = "When a project of the same name exists under another id (default: "
                    + "${DEFAULT-VALUE}).")
    String onProjectName = "merge";

    /** {@code settings} with these policies. */
    ImportSettings applyTo(ImportSettings settings) {
        ConflictPolicy conflict = ConflictPolicy.valueOf(
                KebabChoice.parse(OnConflict.class, "--on-conflict", onConflict).name());
        ProjectNamePolicy projectName = ProjectNamePolicy.valueOf(
                KebabChoice.parse(OnProjectName.class, "--on-project-name", onProjectName).name());
        return settings.withDryRun(dryRun).withConflictPolicies(conflict, projectName);
    }
}
