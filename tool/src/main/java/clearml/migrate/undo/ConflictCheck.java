package clearml.migrate.undo;

import clearml.migrate.undo.JournalRecord.EventFieldChange;
import clearml.migrate.undo.JournalRecord.FieldChange;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * The validation pass, before anything is written: finds every document, field and event that someone other than
 * the command changed since it ran. A version the command itself produced (also a half-undone one) is no conflict.
 */
final class ConflictCheck {

    private final MongoTarget mongo;
    private final EventTarget events;
    private final List<UndoConflict> kept = new ArrayList<>();
    private long count;

    ConflictCheck(MongoTarget mongo, EventTarget events) {
        this.mongo = mongo;
        this.events = events;
    }

    void documents(DocumentChains chains) {
        chains.forEach(this::document);
    }

    void record(JournalRecord record) {
        if (record instanceof FieldChange change) {
            field(change);
        } else if (record instanceof EventFieldChange change) {
            eventField(change);
        }
    }

    long count() {
        return count;
    }

    List<UndoConflict> kept() {
        return kept;
    }

    private void document(DocumentChains.Key key, Set<String> versions) {
        String current = mongo.hash(key.database(), key.collection(), key.id());
        if (!versions.contains(current)) {
            add(key.database() + "." + key.collection(), key.id(), DocumentHash.ABSENT.equals(current)
                    ? "deleted since the command" : "changed since the command");
        }
    }

    private void field(FieldChange change) {
        String place = change.database() + "." + change.collection();
        Document current = mongo.find(change.database(), change.collection(), change.id());
        if (current == null) {
            add(place, change.id(), "deleted since the command");
            return;
        }
        Object value = MongoTarget.valueAt(current, change.path());
        if (!MongoTarget.same(value, change.newValue()) && !MongoTarget.same(value, change.oldValue())) {
            add(place, change.id(), "field " + change.path() + " changed since the command");
        }
    }

    private void eventField(EventFieldChange change) {
        ObjectNode current = events.find(change.index(), change.id());
        if (current == null) {
            add(change.index(), change.id(), "deleted since the command");
            return;
        }
        if (!current.path(change.field()).equals(change.newValue()) && !current.path(change.field()).equals(change.oldValue())) {
            add(change.index(), change.id(), "field " + change.field() + " changed since the command");
        }
    }

    private void add(String place, Object id, String reason) {
        count++;
        if (kept.size() < Undoer.KEPT_CONFLICTS) {
            kept.add(new UndoConflict(place, String.valueOf(id), reason));
        }
    }
}
