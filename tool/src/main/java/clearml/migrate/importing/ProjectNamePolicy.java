package clearml.migrate.importing;

/**
 * What to do with an archived project whose name another project (another id) already has in the target
 * company ({@code --on-project-name}).
 */
public enum ProjectNamePolicy {
    /**
     * The default: the archived project is not written; its tasks, models and subprojects go into the existing
     * project, and nothing of the existing project changes.
     */
    MERGE,
    /** ClearML's behaviour (data model §5.5): the existing project is renamed {@code <name>_YYYY-mm-dd_HH-MM-SS}. */
    RENAME_EXISTING,
    /** Refuse the import before anything is written. */
    FAIL
}
