package clearml.migrate.files;

/** What {@link FileStore#put} did to the target. */
public enum PutOutcome {
    /** There was no file at the path; now there is. */
    CREATED,
    /** A file with other bytes was there; it now holds the new content. */
    REPLACED,
    /** A file with the same bytes was there and was left untouched. */
    UNCHANGED
}
