package clearml.sandbox.api;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The MongoDB collections the server keeps (data model §1.1): {@code backend.project}, {@code task}, {@code model},
 * {@code user}, {@code company}, {@code task__trash}, and {@code auth.user}. The stand-in owns its client.
 */
final class Store implements AutoCloseable {

    private final MongoClient client;
    private final MongoDatabase backend;
    private final MongoDatabase auth;

    Store(String mongoUri) {
        this.client = MongoClients.create(mongoUri);
        this.backend = client.getDatabase("backend");
        this.auth = client.getDatabase("auth");
    }

    MongoCollection<Document> tasks() {
        return backend.getCollection("task");
    }

    MongoCollection<Document> taskTrash() {
        return backend.getCollection("task__trash");
    }

    MongoCollection<Document> projects() {
        return backend.getCollection("project");
    }

    MongoCollection<Document> models() {
        return backend.getCollection("model");
    }

    MongoCollection<Document> users() {
        return backend.getCollection("user");
    }

    MongoCollection<Document> companies() {
        return backend.getCollection("company");
    }

    MongoCollection<Document> settings() {
        return backend.getCollection("settings");
    }

    MongoCollection<Document> authUsers() {
        return auth.getCollection("user");
    }

    /** The document with {@code id} in {@code collection}, or null. */
    static @Nullable Document byId(MongoCollection<Document> collection, String id) {
        return collection.find(Filters.eq("_id", id)).first();
    }

    @Override
    public void close() {
        client.close();
    }
}
