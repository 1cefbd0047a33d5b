package clearml.migrate.undo;

/**
 * How many of each kind of step an undo took (or, in a dry run, would take).
 *
 * @param tasksEventsDeleted tasks whose events the command wrote afresh, all of which undo deleted
 */
public record UndoCounts(long documentsDeleted, long documentsRestored, long fieldsRestored, long eventsDeleted,
        long tasksEventsDeleted, long eventsRestored, long eventFieldsRestored, long filesDeleted, long filesRestored) {
}
