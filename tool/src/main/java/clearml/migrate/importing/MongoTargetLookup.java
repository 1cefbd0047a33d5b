package clearml.migrate.importing;

import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.Collections;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.bson.Document;

/** The planning reads of a target reached directly: its MongoDB. */
final class MongoTargetLookup implements TargetLookup {

    /** Small {@code $in} lists: mongo-java-server's cost grows with list size × documents (test-infra.md §1). */
    private static final int IDS_PER_QUERY = 500;

    private final ClearmlMongo mongo;

    MongoTargetLookup(ClearmlMongo mongo) {
        this.mongo = mongo;
    }

    @Override
    public Set<String> existingIds(String collection, Collection<String> ids) {
        return existingIds(mongo.backend().getCollection(collection), ids);
    }

    @Override
    public Map<String, SortedSet<String>> projectIdsByName(String company, Collection<String> names) {
        Map<String, SortedSet<String>> ids = new HashMap<>();
        MongoCollection<Document> projects = mongo.backend().getCollection(Collections.PROJECT);
        for (List<String> chunk : chunks(names)) {
            mongo.retrying(() -> projects.find(Filters.and(Filters.eq("company", company), Filters.in("name", chunk)))
                    .projection(Projections.include("name"))
                    .into(new ArrayList<>()))
                    .forEach(p -> ids.computeIfAbsent(String.valueOf(p.get("name")), name -> new TreeSet<>())
                            .add(String.valueOf(p.get("_id"))));
        }
        return ids;
    }

    @Override
    public ExistingUsers users() {
        Set<String> ids = new HashSet<>();
        Map<String, String> byEmail = new HashMap<>();
        mongo.retrying(() -> mongo.backend().getCollection(Collections.USER).find()
                .projection(Projections.include("_id")).into(new ArrayList<>()))
                .forEach(u -> ids.add(String.valueOf(u.get("_id"))));
        mongo.retrying(() -> mongo.auth().getCollection(Collections.USER).find()
                .projection(Projections.include("email")).into(new ArrayList<>()))
                .forEach(u -> {
                    ids.add(String.valueOf(u.get("_id")));
                    if (u.get("email") instanceof String email && !email.isEmpty()) {
                        byEmail.putIfAbsent(email, String.valueOf(u.get("_id")));
                    }
                });
        return new ExistingUsers(ids, byEmail);
    }

    @Override
    public boolean backendUserExists(String id) {
        return !existingIds(mongo.backend().getCollection(Collections.USER), List.of(id)).isEmpty();
    }

    private Set<String> existingIds(MongoCollection<Document> collection, Collection<String> ids) {
        Set<String> found = new HashSet<>();
        for (List<String> chunk : chunks(ids)) {
            mongo.retrying(() -> collection.find(Filters.in("_id", chunk)).projection(Projections.include("_id"))
                    .into(new ArrayList<>())).forEach(d -> found.add(String.valueOf(d.get("_id"))));
        }
        return found;
    }

    private static List<List<String>> chunks(Collection<String> values) {
        List<String> all = List.copyOf(new java.util.LinkedHashSet<>(values));
        List<List<String>> chunks = new ArrayList<>();
        for (int start = 0; start < all.size(); start += IDS_PER_QUERY) {
            chunks.add(all.subList(start, Math.min(all.size(), start + IDS_PER_QUERY)));
        }
        return chunks;
    }
}
