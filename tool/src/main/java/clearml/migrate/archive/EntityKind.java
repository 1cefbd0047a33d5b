package clearml.migrate.archive;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The entity classes an archive holds, each with the entry name ClearML gives its file (data model §3.3). */
public enum EntityKind {
    // Declared in ClearML's write order: classes sorted by class name, Model < Project < Task (data model §3.3).
    MODEL("database.model.model.Model.json"),
    PROJECT("database.model.project.Project.json"),
    TASK("database.model.task.task.Task.json");

    /** The optional first entry: one compact JSON object (data model §3.6). */
    public static final String METADATA_ENTRY = "metadata.json";
    /** The optional users entry, parsed as a whole (data model §3.7). */
    public static final String USERS_ENTRY = "users.json";

    private static final String EVENTS_PREFIX = "database.model.task.task.Task_";
    private static final String EVENTS_SUFFIX = "_events.json";
    private static final Pattern EVENTS_ENTRY =
            Pattern.compile(Pattern.quote(EVENTS_PREFIX) + "([A-Za-z0-9_\\-.]+)" + Pattern.quote(EVENTS_SUFFIX));

    private final String entryName;

    EntityKind(String entryName) {
        this.entryName = entryName;
    }

    /** The zip entry name of this class's entity file. */
    public String entryName() {
        return entryName;
    }

    /** The kind whose entity file has this entry name, if any. */
    public static Optional<EntityKind> ofEntryName(String name) {
        for (EntityKind kind : values()) {
            if (kind.entryName.equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The entry name of one task's events file, {@code database.model.task.task.Task_<id>_events.json}. */
    public static String eventsEntryName(String taskId) {
        if (!EVENTS_ENTRY.matcher(EVENTS_PREFIX + taskId + EVENTS_SUFFIX).matches()) {
            throw new IllegalArgumentException("task id not usable in an entry name: " + taskId);
        }
        return EVENTS_PREFIX + taskId + EVENTS_SUFFIX;
    }

    /** The task id named by an events entry, or empty when the name is not an events entry. */
    public static Optional<String> taskIdOfEventsEntry(String name) {
        Matcher matcher = EVENTS_ENTRY.matcher(name);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Whether ClearML's importer knows what to do with an entry of this name (data model §3.3). */
    public static boolean isKnownEntry(String name) {
        return METADATA_ENTRY.equals(name) || USERS_ENTRY.equals(name)
                || ofEntryName(name).isPresent() || taskIdOfEventsEntry(name).isPresent();
    }
}
