package clearml.migrate.undo;

import clearml.migrate.progress.Progress;
import clearml.migrate.undo.JournalRecord.Created;
import clearml.migrate.undo.JournalRecord.CreatedEvent;
import clearml.migrate.undo.JournalRecord.CreatedTaskEvents;
import clearml.migrate.undo.JournalRecord.DeletedEvent;
import clearml.migrate.undo.JournalRecord.EventFieldChange;
import clearml.migrate.undo.JournalRecord.FieldChange;
import clearml.migrate.undo.JournalRecord.FilePlaced;
import clearml.migrate.undo.JournalRecord.Prior;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.bson.Document;

/**
 * The backward pass: undoes each record, newest first, so a document or event touched twice ends as it was before
 * the first touch. Every step is idempotent (delete by id, replace by id, set a field only where it differs), so an
 * interrupted undo run again ends in the same state.
 */
final class Replay implements Consumer<JournalRecord> {

    private final MongoTarget mongo;
    private final EventTarget events;
    private final FileTarget files;
    private final Progress progress;

    Replay(MongoTarget mongo, EventTarget events, FileTarget files, Progress progress) {
        this.mongo = mongo;
        this.events = events;
        this.files = files;
        this.progress = progress;
    }

    @Override
    public void accept(JournalRecord record) {
        if (record instanceof Created c) {
            mongo.delete(c.database(), c.collection(), c.id());
        } else if (record instanceof Prior p) {
            mongo.replace(p.database(), p.collection(), p.document());
        } else if (record instanceof FieldChange f) {
            field(f);
        } else if (record instanceof CreatedEvent c) {
            events.delete(c.index(), c.id());
        } else if (record instanceof CreatedTaskEvents c) {
            events.deleteTaskEvents(c.company(), c.taskIds());
        } else if (record instanceof DeletedEvent d) {
            events.index(d.index(), d.id(), d.source());
        } else if (record instanceof EventFieldChange e) {
            eventField(e);
        } else if (record instanceof FilePlaced f) {
            file(f);
        }
        progress.advance(1);
    }

    private void field(FieldChange change) {
        Document current = mongo.find(change.database(), change.collection(), change.id());
        if (current != null && !MongoTarget.same(MongoTarget.valueAt(current, change.path()), change.oldValue())) {
            mongo.set(change.database(), change.collection(), change.id(), change.path(), change.oldValue());
        }
    }

    private void eventField(EventFieldChange change) {
        ObjectNode current = events.find(change.index(), change.id());
        if (current != null && !current.path(change.field()).equals(change.oldValue())) {
            current.set(change.field(), change.oldValue());
            events.index(change.index(), change.id(), current);
        }
    }

    private void file(FilePlaced placed) {
        String copy = placed.priorCopy();
        if (copy == null) {
            files.remove(placed.store(), placed.path());
        } else {
            files.restore(placed.store(), placed.path(), copy);
        }
    }
}
