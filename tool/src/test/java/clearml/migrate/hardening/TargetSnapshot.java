package clearml.migrate.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Sorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bson.Document;

/**
 * A server's whole contents as comparable values: every document of every collection of {@code backend} and
 * {@code auth}, every event of every {@code events-*} index, and the sha256 of every file under the file-server
 * directory. Two snapshots are equal exactly when nothing was written in between. Small stores only: it holds all.
 */
record TargetSnapshot(Map<String, List<Document>> collections, Map<String, String> events,
        Map<String, String> files) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static TargetSnapshot of(String mongoUri, URI elastic, Path fileserverDir) {
        return new TargetSnapshot(collections(mongoUri), events(elastic), files(fileserverDir));
    }

    /** This snapshot with only the named collections ({@code backend.task}...), events and files whole. */
    TargetSnapshot onlyCollections(Set<String> names) {
        Map<String, List<Document>> kept = new TreeMap<>(collections);
        kept.keySet().retainAll(names);
        return new TargetSnapshot(kept, events, files);
    }

    private static Map<String, List<Document>> collections(String mongoUri) {
        Map<String, List<Document>> collections = new TreeMap<>();
        try (MongoClient mongo = MongoClients.create(mongoUri)) {
            for (String database : List.of("backend", "auth")) {
                for (String name : mongo.getDatabase(database).listCollectionNames()) {
                    collections.put(database + "." + name, mongo.getDatabase(database).getCollection(name).find()
                            .sort(Sorts.ascending("_id")).into(new ArrayList<>()));
                }
            }
        }
        return collections;
    }

    /** Every event of every {@code events-*} index by index and id, with its source as text. */
    private static Map<String, String> events(URI elastic) {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, String> events = new TreeMap<>();
        try {
            send(http, elastic.resolve("/events-*/_refresh"), "");
            JsonNode page = send(http, elastic.resolve("/events-*/_search?scroll=1m&size=1000"),
                    "{\"sort\":[\"_doc\"],\"query\":{\"match_all\":{}}}");
            while (page.path("hits").path("hits").size() > 0) {
                page.path("hits").path("hits").forEach(hit -> events.put(hit.path("_index").asText() + "/"
                        + hit.path("_id").asText(), hit.path("_source").toString()));
                page = send(http, elastic.resolve("/_search/scroll"),
                        "{\"scroll\":\"1m\",\"scroll_id\":\"" + page.path("_scroll_id").asText() + "\"}");
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode send(HttpClient http, URI uri, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private static Map<String, String> files(Path root) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), sha256(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
