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
import java.util.stream.Stream;
import org.bson.Document;

/**
 * When each entity last changed: the latest of its {@code last_update}, {@code last_change} and {@code created}
 * (data model §1.11). An edit sets {@code last_update} or {@code last_change}, and ClearML's event ingestion sets
 * both on the task or model (§5.6), so a stamp that moved means the document or its events changed.
 */
public final class ChangeStamps {

    /** The dates a stamp is the latest of. */
    public static final List<String> FIELDS = List.of("last_update", "last_change", "created");

    private ChangeStamps() {
    }

    /** The stamps of those of {@code ids} that exist, as ISO text ({@code ""} for an entity with no date). */
    static Map<String, String> read(ClearmlMongo mongo, String collection, List<String> ids) {
        MongoCollection<Document> documents = mongo.backend().getCollection(collection);
        Map<String, String> stamps = new HashMap<>();
        MongoSelectionSource.inBatches(ids, batch -> mongo.retrying(() -> documents
                .find(Filters.in("_id", batch)).projection(Projections.include(FIELDS))
                .into(new ArrayList<>())).forEach(doc -> stamps.put(doc.getString("_id"), stamp(doc))));
        return stamps;
    }

    /** The stamp of one document as ISO text, {@code ""} when it has no date. */
    public static String stamp(Document doc) {
        return FIELDS.stream().flatMap(field -> doc.get(field) instanceof Date date ? Stream.of(date) : Stream.empty())
                .max(Date::compareTo).map(ExportMap::timestamp).orElse("");
    }
}
