package clearml.sandbox.seed;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The MongoDB documents of a seed, grouped by {@code "<database>.<collection>"}, written with batched
 * {@code insertMany} once all are built (tasks need their event statistics first).
 */
final class SeededDocuments {

    private static final int BATCH = 1000;

    private final Map<String, List<Document>> byCollection = new LinkedHashMap<>();

    Document add(String database, String collection, Document document) {
        byCollection.computeIfAbsent(database + "." + collection, k -> new ArrayList<>()).add(document);
        return document;
    }

    Document backend(String collection, Document document) {
        return add("backend", collection, document);
    }

    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        byCollection.forEach((name, documents) -> counts.put(name, (long) documents.size()));
        return counts;
    }

    void insertInto(MongoClient mongo) {
        byCollection.forEach((name, documents) -> {
            int dot = name.indexOf('.');
            MongoCollection<Document> collection =
                    mongo.getDatabase(name.substring(0, dot)).getCollection(name.substring(dot + 1));
            for (int from = 0; from < documents.size(); from += BATCH) {
                collection.insertMany(documents.subList(from, Math.min(documents.size(), from + BATCH)));
            }
        });
    }
}
