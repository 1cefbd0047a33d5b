package clearml.migrate.exporting;

import clearml.migrate.archive.ExportMap;
import clearml.migrate.mongo.ClearmlMongo;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bson.Document;

/**
 * Streams whole entity documents in ClearML's archive order, sorted by {@code (name, id)} (data model §3.3), while
 * holding at most {@value #BATCH} of them: the order is decided on the small {@link EntityKey}s, the documents are
 * fetched in slices of that order.
 */
final class SortedEntities {

    /** Whole documents held at once; a task document can reach megabytes (configuration, diff). */
    static final int BATCH = 100;

    private final ClearmlMongo mongo;
    private final MongoCollection<Document> collection;

    SortedEntities(ClearmlMongo mongo, String collection) {
        this.mongo = mongo;
        this.collection = mongo.backend().getCollection(collection);
    }

    /** The keys of those of {@code ids} that exist, sorted; missing ids are simply absent. */
    List<EntityKey> keys(Iterable<String> ids) {
        List<String> all = new ArrayList<>();
        ids.forEach(all::add);
        List<EntityKey> keys = new ArrayList<>();
        MongoSelectionSource.inBatches(all, batch -> keys.addAll(mongo.retrying(() -> collection
                .find(Filters.in("_id", batch))
                .projection(Projections.include("name", "last_update", "created", "company", "company_origin"))
                .map(SortedEntities::key).into(new ArrayList<>()))));
        keys.sort(EntityKey.ORDER);
        return keys;
    }

    /** Hands each document to {@code sink} in the order of {@code keys}. */
    void forEach(List<EntityKey> keys, Consumer<Document> sink) {
        for (int start = 0; start < keys.size(); start += BATCH) {
            List<EntityKey> slice = keys.subList(start, Math.min(keys.size(), start + BATCH));
            Map<String, Document> found = new HashMap<>();
            mongo.retrying(() -> collection.find(Filters.in("_id", slice.stream().map(EntityKey::id).toList()))
                    .into(new ArrayList<>())).forEach(doc -> found.put(doc.getString("_id"), doc));
            slice.stream().map(key -> found.get(key.id())).filter(doc -> doc != null).forEach(sink);
        }
    }

    private static EntityKey key(Document doc) {
        Object stamp = doc.get("last_update") instanceof Date date ? date : doc.get("created");
        String company = text(doc, "company");
        return new EntityKey(text(doc, "name"), doc.getString("_id"),
                stamp instanceof Date date ? ExportMap.timestamp(date) : "",
                company.isEmpty() ? text(doc, "company_origin") : company);
    }

    private static String text(Document doc, String field) {
        return doc.get(field) instanceof String text ? text : "";
    }
}
