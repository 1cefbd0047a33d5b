package clearml.migrate.importing;

/** What to do with an archived entity whose id the target already has ({@code --on-conflict}). */
public enum ConflictPolicy {
    /** Replace the stored document completely, as ClearML's importer does (data model §5.5); the default. */
    OVERWRITE,
    /** Keep the stored document and its events; the archived one is not imported. */
    SKIP,
    /** Refuse the import before anything is written. */
    FAIL
}
