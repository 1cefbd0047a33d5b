package clearml.migrate.exporting;

import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.Collections;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * The users {@code users.json} carries, as ClearML's {@code _export_users} picks them (data model §3.7): auth users
 * with role {@code admin} or {@code user} that also have a backend user, with {@code company} emptied and backend
 * {@code preferences} removed. Unlike ClearML, credentials are stripped unless asked for.
 */
final class UsersExport {

    private final ClearmlMongo mongo;

    UsersExport(ClearmlMongo mongo) {
        this.mongo = mongo;
    }

    /** The users of {@code company}, or of every company when null. */
    SourceUsers read(@Nullable String company, boolean withCredentials) {
        Bson roles = Filters.in("role", List.of("admin", "user"));
        Map<String, Document> auth = new LinkedHashMap<>();
        mongo.retrying(() -> mongo.auth().getCollection(Collections.USER)
                .find(company == null ? roles : Filters.and(roles, Filters.eq("company", company)))
                .sort(new Document("_id", 1)).into(new ArrayList<>()))
                .forEach(user -> auth.put(user.getString("_id"), user));
        Map<String, Document> backend = new LinkedHashMap<>();
        MongoSelectionSource.inBatches(auth.keySet(), batch -> mongo.retrying(() -> mongo.backend()
                .getCollection(Collections.USER).find(Filters.in("_id", batch)).into(new ArrayList<>()))
                .forEach(user -> backend.put(user.getString("_id"), user)));
        List<Document> authOut = new ArrayList<>();
        List<Document> backendOut = new ArrayList<>();
        auth.forEach((id, user) -> {
            Document backendUser = backend.get(id);
            if (backendUser != null) {
                authOut.add(authCopy(user, withCredentials));
                backendOut.add(backendCopy(backendUser));
            }
        });
        return new SourceUsers(authOut, backendOut);
    }

    private static Document authCopy(Document user, boolean withCredentials) {
        Document copy = new Document(user);
        copy.put("company", "");
        if (!withCredentials && copy.containsKey("credentials")) {
            copy.put("credentials", List.of());
        }
        return copy;
    }

    private static Document backendCopy(Document user) {
        Document copy = new Document(user);
        copy.put("company", "");
        copy.remove("preferences");
        return copy;
    }
}
