package clearml.migrate.importing;

import clearml.migrate.mongo.ClearmlMongo;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.List;
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
    private final MongoCollection<Document> collection;
    private final List<ReplaceOneModel<Document>> pending = new ArrayList<>(SIZE);

    DocumentBatch(ClearmlMongo mongo, MongoCollection<Document> collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /** Queues a replace-or-insert of {@code document} by its {@code _id}; sends the batch when it is full. */
    void replace(Document document) {
        pending.add(new ReplaceOneModel<>(Filters.eq("_id", document.get("_id")), document, UPSERT));
        if (pending.size() >= SIZE) {
            flush();
        }
    }

    /** Sends whatever is queued. */
    void flush() {
        if (!pending.isEmpty()) {
            List<ReplaceOneModel<Document>> batch = List.copyOf(pending);
            pending.clear();
            mongo.translate(() -> collection.bulkWrite(batch, UNORDERED));
        }
    }
}
