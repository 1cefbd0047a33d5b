package clearml.migrate.importing;

/** What the import does with one archived entity. */
public enum EntityAction {
    /** The id is new to the target: the document is inserted. */
    CREATE,
    /** The target has the id: its document is replaced. */
    OVERWRITE,
    /** The target has the id and {@code --on-conflict skip} keeps it. */
    SKIP,
    /** A project merged into an existing project of the same name: nothing is written for it. */
    MERGE
}
