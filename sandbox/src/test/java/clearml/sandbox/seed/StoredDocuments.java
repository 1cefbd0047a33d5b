package clearml.sandbox.seed;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.bson.Document;

/** Reads the seeded MongoDB databases back, for assertions. */
final class StoredDocuments {

    private final Map<String, List<Document>> byCollection;

    private StoredDocuments(Map<String, List<Document>> byCollection) {
        this.byCollection = byCollection;
    }

    /** Every document of databases {@code backend} and {@code auth}, per {@code db.collection}, sorted by id. */
    static StoredDocuments read(String mongoUri) {
        Map<String, List<Document>> all = new TreeMap<>();
        try (MongoClient mongo = MongoClients.create(mongoUri)) {
            for (String db : List.of("backend", "auth")) {
                for (String collection : mongo.getDatabase(db).listCollectionNames()) {
                    List<Document> docs = mongo.getDatabase(db).getCollection(collection).find()
                            .into(new ArrayList<>());
                    docs.sort(Comparator.comparing(d -> String.valueOf(d.get("_id"))));
                    all.put(db + "." + collection, docs);
                }
            }
        }
        return new StoredDocuments(all);
    }

    Map<String, List<Document>> all() {
        return byCollection;
    }

    List<Document> of(String collection) {
        return byCollection.getOrDefault(collection, List.of());
    }

    Document byId(String collection, String id) {
        return of(collection).stream().filter(d -> id.equals(d.get("_id"))).findFirst().orElseThrow();
    }

    /** Calls {@code sink} with every string value anywhere in every document. */
    void eachString(Consumer<String> sink) {
        byCollection.values().forEach(docs -> docs.forEach(d -> walk(d, sink)));
    }

    static void walk(Object value, Consumer<String> sink) {
        if (value instanceof String text) {
            sink.accept(text);
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> walk(v, sink));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> walk(v, sink));
        }
    }
}
