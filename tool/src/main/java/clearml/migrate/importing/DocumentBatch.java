package clearml.migrate.importing;

import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.undo.UndoJournal;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Replace-by-id upserts into one collection, sent as unordered bulk writes of {@value #SIZE} documents: an
 * existing document with the same id is replaced completely, as ClearML's {@code save()} does (data model §5.5),
 * and writing the same document twice leaves the same state. Holds at most one batch in memory.
 */
final class DocumentBatch {

    static final int SIZE = 500;

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final ClearmlMongo mongo;
    private final UndoJournal journal;
    private final MongoCollection<Document> collection;
    private final List<Document> pending = new ArrayList<>(SIZE);

    DocumentBatch(ClearmlMongo mongo, UndoJournal journal, MongoCollection<Document> collection) {
        this.mongo = mongo;
        this.journal = journal;
        this.collection = collection;
    }

    /** Queues a replace-or-insert of {@code document} by its {@code _id}; sends the batch when it is full. */
    void replace(Document document) {
        pending.add(document);
        if (pending.size() >= SIZE) {
            flush();
        }
    }

    /** Journals what the batch creates and the versions it replaces, then sends it. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Document> batch = List.copyOf(pending);
        pending.clear();
        journal(batch);
        List<ReplaceOneModel<Document>> writes = batch.stream()
                .map(document -> new ReplaceOneModel<>(Filters.eq("_id", document.get("_id")), document, UPSERT))
                .toList();
        mongo.retrying(() -> collection.bulkWrite(writes, UNORDERED));
    }

    private void journal(List<Document> batch) {
        Map<Object, Document> stored = new HashMap<>();
        List<Object> ids = batch.stream().map(document -> document.get("_id")).toList();
        mongo.retrying(() -> collection.find(Filters.in("_id", ids)).into(new ArrayList<>()))
                .forEach(document -> stored.put(document.get("_id"), document));
        String database = collection.getNamespace().getDatabaseName();
        String name = collection.getNamespace().getCollectionName();
        for (Document written : batch) {
            Document prior = stored.get(written.get("_id"));
            if (prior == null) {
                journal.created(database, name, written);
            } else {
                journal.prior(database, name, prior, written);
            }
        }
        journal.flush();
    }
}
