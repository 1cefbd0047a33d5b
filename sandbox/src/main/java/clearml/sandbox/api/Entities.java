package clearml.sandbox.api;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * How the server finds the entity a call names ({@code GetMixin.get_for_writing}, {@code assert_exists}): within the
 * caller's company, public ({@code company ""}) entities readable but never writable.
 */
final class Entities {

    private Entities() {
    }

    /**
     * The entity {@code id} for a write; unknown: {@code notFound} with the id and company; public: 403/21.
     *
     * @param kind the entity's class name in the server's message, e.g. {@code task}
     */
    static Document writable(MongoCollection<Document> collection, String id, String company, String kind,
                             ApiError notFound) {
        Document entity = collection.find(Filters.and(Filters.eq("_id", id), Filters.in("company", company, "")))
                .first();
        if (entity == null) {
            // get_task_with_write_access names the company too; the project lookups name only the id
            throw "project".equals(kind) ? notFound.with("id", id) : notFound.with("id", id, "company", company);
        }
        if (entity.getString("company").isEmpty()) {
            throw ApiError.NO_WRITE_PERMISSION.withExtra("cannot modify public " + kind + "(s), ids=('" + id + "',)");
        }
        return entity;
    }

    /** Every entity of {@code ids}, or {@code notFound} with {@code ids=(...)} when one is missing. */
    static List<Document> existing(MongoCollection<Document> collection, String company, List<String> ids,
                                   boolean allowPublic, ApiError notFound) {
        Set<String> unique = new LinkedHashSet<>(ids);
        List<Document> found = collection.find(Filters.and(Filters.in("_id", unique),
                Listing.scope(company, allowPublic))).into(new ArrayList<>());
        if (found.size() != unique.size()) {
            throw notFound.with("ids", ids);
        }
        return found;
    }
}
