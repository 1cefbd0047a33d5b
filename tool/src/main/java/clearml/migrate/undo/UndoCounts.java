package clearml.migrate.undo;

/** How many of each kind of step an undo took (or, in a dry run, would take). */
public record UndoCounts(long documentsDeleted, long documentsRestored, long fieldsRestored, long eventsDeleted,
        long eventsRestored, long eventFieldsRestored, long filesDeleted, long filesRestored) {
}
