package clearml.migrate.importing;

import clearml.migrate.archive.DeltaInfo;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.Collections;
import clearml.migrate.undo.UndoJournal;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Applies the deletions a delta lists ({@code import --apply-deletes}): the target's documents of those ids and
 * the events of those tasks and models, each journalled first (the document as {@code prior} of an absent one, the
 * events as the import's replaced task events), so {@code undo} puts them back. Ids are the archived ones: a delta
 * imported with {@code --new-ids} cannot name the copies, and its deletions are only reported.
 */
final class DeltaDeletes {

    private final ClearmlMongo mongo;
    private final EventSink events;
    private final UndoJournal journal;

    DeltaDeletes(ClearmlMongo mongo, EventSink events, UndoJournal journal) {
        this.mongo = mongo;
        this.events = events;
        this.journal = journal;
    }

    /** Deletes what the delta lists and the target holds; returns how many documents were deleted. */
    long apply(DeltaInfo delta, String company) {
        long deleted = 0;
        for (EntityKind kind : EntityKind.values()) {
            deleted += delete(kind, delta.deleted(kind), company);
        }
        return deleted;
    }

    private long delete(EntityKind kind, List<String> ids, String company) {
        if (ids.isEmpty()) {
            return 0;
        }
        String collectionName = collection(kind);
        MongoCollection<Document> collection = mongo.backend().getCollection(collectionName);
        List<Document> stored = mongo.retrying(() -> collection.find(Filters.in("_id", ids)).into(new ArrayList<>()));
        stored.forEach(document -> journal.deleted(Collections.BACKEND_DB, collectionName, document));
        if (kind != EntityKind.PROJECT) {
            events.journalTaskEvents(journal, company, ids);
        }
        journal.flush(); // every record is on disk before anything is deleted
        if (kind != EntityKind.PROJECT) {
            events.deleteTaskEvents(company, ids);
        }
        mongo.retrying(() -> collection.deleteMany(Filters.in("_id", ids)));
        return stored.size();
    }

    private static String collection(EntityKind kind) {
        return switch (kind) {
            case PROJECT -> Collections.PROJECT;
            case TASK -> Collections.TASK;
            case MODEL -> Collections.MODEL;
        };
    }
}
