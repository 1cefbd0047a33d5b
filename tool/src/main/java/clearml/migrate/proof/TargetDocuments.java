package clearml.migrate.proof;

import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.Collections;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/** The reads verify makes in the target's MongoDB: documents by id in batches, users. */
final class TargetDocuments {

    private final ClearmlMongo mongo;

    TargetDocuments(ClearmlMongo mongo) {
        this.mongo = mongo;
    }

    /** The backend documents of {@code collection} with these ids, by id; absent ids are simply not in the map. */
    Map<String, Document> byIds(String collection, Collection<String> ids) {
        Map<String, Document> found = new HashMap<>();
        mongo.retrying(() -> mongo.backend().getCollection(collection).find(Filters.in("_id", List.copyOf(ids)))
                .into(new ArrayList<>())).forEach(document -> found.put(String.valueOf(document.get("_id")), document));
        return found;
    }

    /** Whether the auth and the backend database both have a user with this id. */
    boolean userExists(String id) {
        return mongo.retrying(() -> mongo.auth().getCollection(Collections.USER).find(Filters.eq("_id", id)).first()
                != null && mongo.backend().getCollection(Collections.USER).find(Filters.eq("_id", id)).first() != null);
    }
}
