package clearml.migrate.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** One published root-level task with millions of scalar events, for the bounded-memory check (Issue #3). */
final class BigTask {

    private static final int PER_BULK = 10_000;

    private final String mongoUri;
    private final URI engine;
    private final String company;

    BigTask(String mongoUri, URI engine, String company) {
        this.mongoUri = mongoUri;
        this.engine = engine;
        this.company = company;
    }

    void write(long events) throws IOException, InterruptedException {
        String id = "b1g0000000000000000000000000000" + "1";
        try (MongoClient client = MongoClients.create(mongoUri)) {
            client.getDatabase("backend").getCollection("task").insertOne(new Document("_id", id)
                    .append("company", company).append("user", "").append("name", "big task").append("type", "training")
                    .append("status", "published").append("created", new Date()).append("last_update", new Date())
                    .append("system_tags", List.of()).append("tags", List.of()));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String index = "events-training_stats_scalar-" + company;
        for (long done = 0; done < events; done += PER_BULK) {
            StringBuilder bulk = new StringBuilder(PER_BULK * 220);
            for (long i = done; i < Math.min(events, done + PER_BULK); i++) {
                bulk.append("{\"index\":{\"_index\":\"").append(index).append("\"}}\n")
                        .append("{\"task\":\"").append(id).append("\",\"type\":\"training_stats_scalar\",\"iter\":")
                        .append(i / 4).append(",\"metric\":\"loss\",\"variant\":\"v").append(i % 4)
                        .append("\",\"value\":").append(1.0 / (i + 1)).append(",\"timestamp\":").append(1_700_000_000_000L + i)
                        .append(",\"model_event\":false,\"worker\":\"bench\",\"@timestamp\":\"2024-06-10T00:00:00.000Z\"}\n");
            }
            http.send(HttpRequest.newBuilder(engine.resolve("/_bulk")).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(bulk.toString())).build(), HttpResponse.BodyHandlers.discarding());
        }
        http.send(HttpRequest.newBuilder(engine.resolve("/" + index + "/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }
}
