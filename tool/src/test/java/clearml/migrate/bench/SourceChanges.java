package clearml.migrate.bench;

import clearml.migrate.testing.LiveSource;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Changes a share of the seeded source's tasks as a live server would between two {@code sync} passes: each of the
 * first {@code PERCENT} % of the tasks by id that {@code bench/copy.sh} selects (at least one) gets {@code EVENTS} new log events and the statistics
 * that go with them ({@link LiveSource#addLogs}).
 *
 * <pre>SourceChanges READY_JSON PERCENT EVENTS</pre>
 */
public final class SourceChanges {

    private SourceChanges() {
    }

    public static void main(String[] args) throws Exception {
        JsonNode source = new ObjectMapper().readTree(Path.of(args[0]).toFile()).path("source");
        String mongo = source.path("mongo").asText();
        List<Document> tasks = new ArrayList<>();
        try (MongoClient client = MongoClients.create(mongo)) {
            client.getDatabase("backend").getCollection("task")
                    .find(Filters.in("status", "created", "stopped", "published", "closed", "failed", "completed"))
                    .sort(new Document("_id", 1))
                    .forEach(tasks::add);
        }
        int changed = Math.max(1, tasks.size() * Integer.parseInt(args[1]) / 100);
        for (Document task : tasks.subList(0, changed)) {
            LiveSource.addLogs(mongo, URI.create(source.path("elastic").asText()), task.getString("company"),
                    task.getString("_id"), Integer.parseInt(args[2]));
        }
        System.out.println("changed " + changed + " of " + tasks.size() + " tasks: " + args[2] + " log events each");
    }
}
