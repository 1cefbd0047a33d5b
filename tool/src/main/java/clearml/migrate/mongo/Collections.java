package clearml.migrate.mongo;

/** The names of ClearML's MongoDB databases and collections (data model §1.1). */
public final class Collections {

    /** The database of projects, tasks, models, companies and backend users. */
    public static final String BACKEND_DB = "backend";
    /** The database of auth users and their credentials. */
    public static final String AUTH_DB = "auth";

    public static final String PROJECT = "project";
    public static final String TASK = "task";
    public static final String MODEL = "model";
    public static final String QUEUE = "queue";
    public static final String COMPANY = "company";
    /** Backend users in {@link #BACKEND_DB}, auth users in {@link #AUTH_DB}: both collections are named {@code user}. */
    public static final String USER = "user";
    public static final String SETTINGS = "settings";
    /** Schema-migration records (data model §8.2); a custom name, not mongoengine's default. */
    public static final String VERSIONS = "versions";
    public static final String URL_TO_DELETE = "url_to_delete";
    public static final String STORAGE_SETTINGS = "storage_settings";
    public static final String TASK_TRASH = "task__trash";
    /**
     * Our own collection in {@code backend}: one document per archive imported, by archive id, so that a delta
     * can tell whether its base was imported (ClearML ignores collections its models do not name).
     */
    public static final String IMPORTED_ARCHIVES = "clearml_migrate_imports";

    /**
     * Our own collection in {@code backend}: one document per {@code sync} (source, selection, target company) with
     * the source's state its last pass read, so the next pass moves only what changed since.
     */
    public static final String SYNC_STATES = "clearml_migrate_syncs";

    private Collections() {
    }
}
