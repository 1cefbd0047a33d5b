package clearml.migrate.api;

import clearml.sandbox.Sandbox;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.api.Credentials;
import clearml.sandbox.seed.FreshServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * A freshly started server behind the sandbox's ClearML API stand-in (not ClearML's apiserver, which cannot run
 * here), and clients of it that retry in milliseconds rather than seconds.
 */
record StandInServer(Sandbox sandbox, ApiStandIn api) {

    static final ApiClientOptions QUICK = ApiClientOptions.defaults().withBackoff(Duration.ofMillis(5),
            Duration.ofMillis(20));

    /** Initializes the (reset) sandbox as a server that just started, with ClearML's default company. */
    static StandInServer fresh(Sandbox sandbox, ApiStandIn api) {
        FreshServer.initialize(sandbox.mongoUri(), FreshServer.DEFAULT_COMPANY, "clearml");
        return new StandInServer(sandbox, api);
    }

    ApiSettings settings(Credentials keys, Duration retryFor) {
        return new ApiSettings(URI.create(api.url()), null,
                new ApiCredentials(keys.accessKey(), keys.secretKey(), "the stand-in"), retryFor);
    }

    ApiClient admin() {
        return new ApiClient(settings(api.adminCredentials(), Duration.ofSeconds(5)), QUICK);
    }

    ApiClient user() {
        return new ApiClient(settings(api.userCredentials(), Duration.ofSeconds(5)), QUICK);
    }

    /** The ids of a backend collection, as a direct reader of MongoDB sees them. */
    List<String> storedIds(String collection) {
        try (MongoClient mongo = MongoClients.create(sandbox.mongoUri())) {
            List<String> ids = new ArrayList<>();
            mongo.getDatabase("backend").getCollection(collection).find().projection(new Document("_id", 1))
                    .forEach(document -> ids.add(document.getString("_id")));
            return ids;
        }
    }

    /** A stored document, as a direct reader of MongoDB sees it. */
    Document stored(String collection, String id) {
        try (MongoClient mongo = MongoClients.create(sandbox.mongoUri())) {
            return mongo.getDatabase("backend").getCollection(collection).find(new Document("_id", id)).first();
        }
    }
}
