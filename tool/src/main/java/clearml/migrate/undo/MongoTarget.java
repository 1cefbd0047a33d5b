package clearml.migrate.undo;

import clearml.migrate.failures.ArchiveException;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.Collections;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.util.List;
import java.util.Objects;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/** The target's MongoDB as undo sees it: documents by id, and single fields by dotted path. */
final class MongoTarget {

    private final ClearmlMongo mongo;

    MongoTarget(ClearmlMongo mongo) {
        this.mongo = mongo;
    }

    @Nullable Document find(String database, String collection, Object id) {
        return mongo.retrying(() -> collection(database, collection).find(Filters.eq("_id", id)).first());
    }

    String hash(String database, String collection, Object id) {
        Document current = find(database, collection, id);
        return current == null ? DocumentHash.ABSENT : DocumentHash.of(current);
    }

    void delete(String database, String collection, Object id) {
        mongo.retrying(() -> collection(database, collection).deleteOne(Filters.eq("_id", id)));
    }

    /** Puts a saved version back, whether the document is there or was deleted since. */
    void replace(String database, String collection, Document document) {
        mongo.retrying(() -> collection(database, collection)
                .replaceOne(Filters.eq("_id", document.get("_id")), document, new ReplaceOptions().upsert(true)));
    }

    void set(String database, String collection, Object id, String path, @Nullable Object value) {
        mongo.retrying(() -> collection(database, collection).updateOne(Filters.eq("_id", id), Updates.set(path, value)));
    }

    /** The value at a dotted path of a document, through nested documents only, as relink's places are. */
    static @Nullable Object valueAt(Document document, String path) {
        Object value = document;
        for (String part : path.split("\\.")) {
            value = value instanceof Document nested ? nested.get(part) : null;
        }
        return value;
    }

    static boolean same(@Nullable Object left, @Nullable Object right) {
        return Objects.equals(left, right);
    }

    private MongoCollection<Document> collection(String database, String collection) {
        if (database.equals(Collections.BACKEND_DB)) {
            return mongo.backend().getCollection(collection);
        }
        if (database.equals(Collections.AUTH_DB)) {
            return mongo.auth().getCollection(collection);
        }
        throw new ArchiveException("The undo journal names the database '" + database + "', which is not ClearML's "
                + List.of(Collections.BACKEND_DB, Collections.AUTH_DB) + " — it was not written by this tool");
    }
}
