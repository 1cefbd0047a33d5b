package clearml.sandbox.api;

import clearml.sandbox.Sandbox;
import clearml.sandbox.seed.FreshServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;

/** A freshly initialized target server behind an API stand-in, logged in as its admin and as its user. */
final class StandInServer {

    static final String COMPANY = FreshServer.TARGET_COMPANY;

    final Sandbox sandbox;
    final ApiStandIn api;
    final ApiClient client;
    final String adminToken;
    final String userToken;

    private StandInServer(Sandbox sandbox, ApiStandIn api) {
        this.sandbox = sandbox;
        this.api = api;
        this.client = new ApiClient(api.url());
        this.adminToken = client.login(api.adminCredentials());
        this.userToken = client.login(api.userCredentials());
    }

    /** Initializes {@code sandbox} as a fresh server (it must have been reset) and logs in to {@code api}. */
    static StandInServer fresh(Sandbox sandbox, ApiStandIn api) {
        FreshServer.initialize(sandbox.mongoUri(), COMPANY, "Target Corp");
        return new StandInServer(sandbox, api);
    }

    /** Adds a person (auth and backend user) to {@code company}; answers the id. */
    String addUser(String company, String name, String role) {
        String id = UUID.randomUUID().toString().replace("-", "");
        try (MongoClient mongo = MongoClients.create(sandbox.mongoUri())) {
            mongo.getDatabase("backend").getCollection("user").insertOne(new Document("_id", id)
                    .append("company", company).append("name", name).append("created", new Date()));
            mongo.getDatabase("auth").getCollection("user").insertOne(new Document("_id", id).append("name", name)
                    .append("role", role).append("company", company).append("credentials", List.of()));
        }
        return id;
    }

    void addCompany(String id, String name) {
        try (MongoClient mongo = MongoClients.create(sandbox.mongoUri())) {
            mongo.getDatabase("backend").getCollection("company").insertOne(new Document("_id", id)
                    .append("name", name));
        }
    }

    /** The stored document, as a direct reader of MongoDB sees it. */
    Document stored(String collection, String id) {
        try (MongoClient mongo = MongoClients.create(sandbox.mongoUri())) {
            return mongo.getDatabase("backend").getCollection(collection).find(new Document("_id", id)).first();
        }
    }

    /** Moves a stored entity to another company, as if another tenant owned it. */
    void moveToCompany(String collection, String id, String company) {
        try (MongoClient mongo = MongoClients.create(sandbox.mongoUri())) {
            mongo.getDatabase("backend").getCollection(collection).updateOne(new Document("_id", id),
                    new Document("$set", new Document("company", company)));
        }
    }

    /** Creates a task as the user; answers its id. */
    String task(String name) {
        ApiClient.Answer answer = client.call(userToken, "tasks.create",
                ApiClient.object().put("name", name).put("type", "training"));
        if (answer.status() != 200) {
            throw new IllegalStateException("tasks.create failed: " + answer.message());
        }
        return answer.data().path("id").asText();
    }
}
