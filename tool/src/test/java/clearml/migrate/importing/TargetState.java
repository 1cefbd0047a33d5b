package clearml.migrate.importing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Sorts;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Everything an import can change in a target, as comparable values: the documents of the backend's project, task,
 * model and user collections and of the auth users, and every event of one company with its index and id.
 */
public record TargetState(Map<String, List<Document>> collections, Map<String, StoredEvents.Stored> events) {

    public static TargetState of(String mongoUri, URI engine, String company) {
        Map<String, List<Document>> collections = new LinkedHashMap<>();
        try (MongoClient mongo = MongoClients.create(mongoUri)) {
            for (String name : List.of("project", "task", "model", "user")) {
                collections.put("backend." + name, mongo.getDatabase("backend").getCollection(name).find()
                        .sort(Sorts.ascending("_id")).into(new ArrayList<>()));
            }
            collections.put("auth.user", mongo.getDatabase("auth").getCollection("user").find()
                    .sort(Sorts.ascending("_id")).into(new ArrayList<>()));
        }
        return new TargetState(collections, StoredEvents.of(engine, company));
    }

    public List<Document> documents(String collection) {
        return collections.getOrDefault(collection, List.of());
    }

    public Document document(String collection, String id) {
        return documents(collection).stream().filter(d -> id.equals(d.get("_id"))).findFirst().orElse(null);
    }
}
