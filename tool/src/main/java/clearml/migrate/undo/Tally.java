package clearml.migrate.undo;

import clearml.migrate.undo.JournalRecord.Created;
import clearml.migrate.undo.JournalRecord.CreatedEvent;
import clearml.migrate.undo.JournalRecord.CreatedTaskEvents;
import clearml.migrate.undo.JournalRecord.DeletedEvent;
import clearml.migrate.undo.JournalRecord.EventFieldChange;
import clearml.migrate.undo.JournalRecord.FieldChange;
import clearml.migrate.undo.JournalRecord.FilePlaced;
import clearml.migrate.undo.JournalRecord.Prior;

/** Counts the undo steps a journal's records stand for: one step per change record. */
final class Tally {

    private long documentsDeleted;
    private long documentsRestored;
    private long fieldsRestored;
    private long eventsDeleted;
    private long taskEventSetsDeleted;
    private long eventsRestored;
    private long eventFieldsRestored;
    private long filesDeleted;
    private long filesRestored;

    /** Counts one record; returns whether it is a change record (not the header or the commit mark). */
    boolean count(JournalRecord record) {
        if (record instanceof Created) {
            documentsDeleted++;
        } else if (record instanceof Prior) {
            documentsRestored++;
        } else if (record instanceof FieldChange) {
            fieldsRestored++;
        } else if (record instanceof CreatedEvent) {
            eventsDeleted++;
        } else if (record instanceof CreatedTaskEvents written) {
            taskEventSetsDeleted += written.taskIds().size();
        } else if (record instanceof DeletedEvent) {
            eventsRestored++;
        } else if (record instanceof EventFieldChange) {
            eventFieldsRestored++;
        } else if (record instanceof FilePlaced placed) {
            if (placed.priorCopy() == null) {
                filesDeleted++;
            } else {
                filesRestored++;
            }
        } else {
            return false;
        }
        return true;
    }

    UndoCounts counts() {
        return new UndoCounts(documentsDeleted, documentsRestored, fieldsRestored, eventsDeleted, taskEventSetsDeleted, eventsRestored,
                eventFieldsRestored, filesDeleted, filesRestored);
    }
}
