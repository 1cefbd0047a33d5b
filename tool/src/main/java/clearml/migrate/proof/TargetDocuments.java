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

/** The reads verify makes in the target's MongoDB: documents by id in batches, projects by name, users. */
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

    /** The id of the project of {@code company} named {@code name}, if any. */
    Optional<String> projectIdByName(String company, String name) {
        Document project = mongo.retrying(() -> mongo.backend().getCollection(Collections.PROJECT)
                .find(Filters.and(Filters.eq("company", company), Filters.eq("name", name)))
                .projection(Projections.include("_id")).first());
        return Optional.ofNullable(project).map(p -> String.valueOf(p.get("_id")));
    }

    /** The id of an auth user with this e-mail, as the user import matches them (data model §5.2). */
    Optional<String> authUserByEmail(String email) {
        Document user = mongo.retrying(() -> mongo.auth().getCollection(Collections.USER)
                .find(Filters.eq("email", email)).projection(Projections.include("_id")).first());
        return Optional.ofNullable(user).map(u -> String.valueOf(u.get("_id")));
    }

    /** Whether the auth and the backend database both have a user with this id. */
    boolean userExists(String id) {
        return mongo.retrying(() -> mongo.auth().getCollection(Collections.USER).find(Filters.eq("_id", id)).first()
                != null && mongo.backend().getCollection(Collections.USER).find(Filters.eq("_id", id)).first() != null);
    }
}
