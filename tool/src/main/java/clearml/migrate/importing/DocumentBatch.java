package clearml.migrate.importing;

import clearml.migrate.memory.MemoryBudget;

import clearml.migrate.failures.StoreRequestException;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.MongoCapabilities;
import clearml.migrate.undo.DocumentHash;
import clearml.migrate.undo.UndoJournal;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;

/**
 * Replace-by-id upserts into one collection, sent as unordered bulk writes of {@value #SIZE} documents: an
 * existing document with the same id is replaced completely, as ClearML's {@code save()} does (data model §5.5),
 * and writing the same document twice leaves the same state. A document the target holds already byte for byte
 * (the BSON of the stored version, read for the undo journal, hashes as the prepared one's) is neither journalled
 * nor written, only counted ({@link #unchanged()}): a rerun of an import writes nothing it wrote before. Holds at
 * most one batch in memory.
 *
 * <p>The batch is sized by what the target says it takes ({@link MongoCapabilities}), not by fixed numbers: at most
 * {@code maxWriteBatchSize} documents and about one {@code maxMessageSizeBytes} of BSON, so a batch of large tasks
 * is sent early (and at most 1/64 of the heap, at least 1 MiB: the documents and the versions they replace are held
 * as objects several times their BSON size); a document over {@code maxBsonObjectSize} is refused before its batch is written, naming it, rather
 * than failing the whole bulk write with the driver's message.
 */
final class DocumentBatch {

    static final int SIZE = 500;

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final ClearmlMongo mongo;
    private final UndoJournal journal;
    private final MongoCollection<Document> collection;
    private final List<Document> pending = new ArrayList<>(SIZE);
    private final Codec<Document> codec;
    private final MongoCapabilities limits;
    private final int maxDocuments;
    private final long maxBytes;
    private long pendingBytes;
    private long unchanged;

    DocumentBatch(ClearmlMongo mongo, UndoJournal journal, MongoCollection<Document> collection) {
        this.mongo = mongo;
        this.journal = journal;
        this.collection = collection;
        this.codec = collection.getCodecRegistry().get(Document.class);
        this.limits = mongo.capabilities();
        this.maxDocuments = limits.writeBatch(SIZE);
        this.maxBytes = maxBytes(limits);
    }

    /** The BSON bytes at which a batch is sent: one message, or 1/64 of the heap when that is less. */
    static long maxBytes(MongoCapabilities limits) {
        return Math.min(limits.maxMessageSizeBytes(), MemoryBudget.share(64, 1 << 20, Long.MAX_VALUE));
    }

    /**
     * Queues a replace-or-insert of {@code document} by its {@code _id}; sends the batch when it is full.
     *
     * @throws StoreRequestException when the document is larger than the target stores; nothing of it is written
     */
    void replace(Document document) {
        long bytes = bsonSize(document);
        if (bytes > limits.maxBsonObjectSize()) {
            throw tooLarge(document, bytes);
        }
        if (!pending.isEmpty() && pendingBytes + bytes > maxBytes) {
            flush();
        }
        pending.add(document);
        pendingBytes += bytes;
        if (pending.size() >= maxDocuments) {
            flush();
        }
    }

    /** Journals what the batch creates and the versions it replaces, then sends those; skips what is there. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Document> batch = List.copyOf(pending);
        pending.clear();
        pendingBytes = 0;
        List<Document> changed = journal(batch);
        if (changed.isEmpty()) {
            return;
        }
        List<ReplaceOneModel<Document>> writes = changed.stream()
                .map(document -> new ReplaceOneModel<>(Filters.eq("_id", document.get("_id")), document, UPSERT))
                .toList();
        mongo.retrying(() -> collection.bulkWrite(writes, UNORDERED));
    }

    /** Documents found stored exactly as they would have been written, so far. */
    long unchanged() {
        return unchanged;
    }

    private long bsonSize(Document document) {
        return new RawBsonDocument(document, codec).getByteBuffer().remaining();
    }

    private StoreRequestException tooLarge(Document document, long bytes) {
        return new StoreRequestException("The target MongoDB stores documents of at most "
                + bytes(limits.maxBsonObjectSize()) + ", but " + collection.getNamespace().getFullName() + " "
                + document.get("_id") + " is " + bytes(bytes) + " — shrink it on the source server and export again");
    }

    private static String bytes(long bytes) {
        return String.format(Locale.ROOT, "%,d bytes", bytes);
    }

    /** Journals each document that differs from its stored version (or is new); returns those. */
    private List<Document> journal(List<Document> batch) {
        Map<Object, Document> stored = new HashMap<>();
        List<Object> ids = batch.stream().map(document -> document.get("_id")).toList();
        mongo.retrying(() -> collection.find(Filters.in("_id", ids)).into(new ArrayList<>()))
                .forEach(document -> stored.put(document.get("_id"), document));
        String database = collection.getNamespace().getDatabaseName();
        String name = collection.getNamespace().getCollectionName();
        List<Document> changed = new ArrayList<>(batch.size());
        for (Document written : batch) {
            Document prior = stored.get(written.get("_id"));
            if (prior == null) {
                journal.created(database, name, written);
            } else if (DocumentHash.of(prior).equals(DocumentHash.of(written))) {
                unchanged++;
                continue;
            } else {
                journal.prior(database, name, prior, written);
            }
            changed.add(written);
        }
        if (!changed.isEmpty()) {
            journal.flush();
        }
        return changed;
    }
}
