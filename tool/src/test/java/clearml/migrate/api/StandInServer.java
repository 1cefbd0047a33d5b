package clearml.migrate.api;

import clearml.sandbox.ElasticHttp;
import clearml.sandbox.Sandbox;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.api.Credentials;
import clearml.sandbox.seed.FreshServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
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

    /**
     * Writes {@code count} tasks of the primary company straight into MongoDB, as a server that made them long ago
     * holds them: creating a thousand through the stand-in would take a minute.
     */
    List<String> insertTasks(int count) {
        List<Document> tasks = new ArrayList<>();
        Date now = new Date();
        for (int i = 0; i < count; i++) {
            tasks.add(new Document("_id", UUID.randomUUID().toString().replace("-", ""))
                    .append("company", api.primaryCompany()).append("user", "u1").append("name", "stored task " + i)
                    .append("type", "training").append("status", "created").append("created", now)
                    .append("last_change", now).append("tags", List.of()).append("system_tags", List.of()));
        }
        try (MongoClient mongo = MongoClients.create(sandbox.mongoUri())) {
            mongo.getDatabase("backend").getCollection("task").insertMany(tasks);
        }
        return tasks.stream().map(task -> task.getString("_id")).toList();
    }

    /**
     * Writes scalar events of {@code task}, iterations 0 to {@code count - 1}, straight into the search engine,
     * where the apiserver keeps them (data model §2): the stand-in's {@code events.add_batch} takes a minute for
     * tens of thousands.
     */
    void insertScalars(String task, int count) {
        String index = "events-training_stats_scalar-" + api.primaryCompany();
        ElasticHttp elastic = new ElasticHttp(sandbox.elasticUri());
        for (int from = 0; from < count; from += 5_000) {
            StringBuilder bulk = new StringBuilder();
            for (int iter = from; iter < Math.min(count, from + 5_000); iter++) {
                bulk.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"").append(task)
                        .append('-').append(iter).append("\"}}\n");
                bulk.append(ApiJson.object().put("task", task).put("type", "training_stats_scalar")
                        .put("metric", "loss").put("variant", "train").put("iter", iter).put("value", 1.0 / (iter + 1))
                        .put("timestamp", 1_700_000_000_000L + iter).put("worker", "w").put("company_id",
                                api.primaryCompany())).append('\n');
            }
            elastic.bulk("/_bulk", bulk.toString());
        }
        elastic.post("/" + index + "/_refresh", "{}");
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
