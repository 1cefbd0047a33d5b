package clearml.migrate.undo;

import clearml.migrate.events.EventIndexNames;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bson.ByteBuf;
import org.bson.RawBsonDocument;

/**
 * The complete contents of a test target: every MongoDB document of {@code backend} and {@code auth} as its BSON
 * bytes, every event by index and id, every file by its SHA-256. Empty collections and indices are left out: undo
 * leaves behind, empty, the ones a command created.
 */
record StoreSnapshot(Map<String, List<String>> documents, Map<String, Map<String, JsonNode>> events,
        Map<String, String> files) {

    static StoreSnapshot take(TestStores stores) {
        return new StoreSnapshot(documents(stores), events(stores), files(stores.files));
    }

    long eventCount() {
        return events.values().stream().mapToLong(Map::size).sum();
    }

    private static Map<String, List<String>> documents(TestStores stores) {
        Map<String, List<String>> documents = new TreeMap<>();
        for (MongoDatabase database : List.of(stores.backend(), stores.auth())) {
            for (String collection : database.listCollectionNames()) {
                List<String> bytes = new ArrayList<>();
                for (RawBsonDocument document : database.getCollection(collection, RawBsonDocument.class).find()) {
                    ByteBuf buffer = document.getByteBuffer();
                    byte[] raw = new byte[buffer.remaining()];
                    buffer.get(raw);
                    bytes.add(HexFormat.of().formatHex(raw));
                }
                bytes.sort(null);
                if (!bytes.isEmpty()) {
                    documents.put(database.getName() + "." + collection, bytes);
                }
            }
        }
        return documents;
    }

    private static Map<String, Map<String, JsonNode>> events(TestStores stores) {
        stores.events.refresh(EventIndexNames.ALL);
        ObjectNode query = stores.elastic.mapper().createObjectNode();
        query.putObject("query").putObject("match_all");
        JsonNode hits = stores.elastic.post("/" + EventIndexNames.ALL + "/_search?size=10000", query).path("hits").path("hits");
        Map<String, Map<String, JsonNode>> events = new TreeMap<>();
        for (JsonNode hit : hits) {
            events.computeIfAbsent(hit.path("_index").asText(), i -> new TreeMap<>()).put(hit.path("_id").asText(), hit.path("_source"));
        }
        return events;
    }

    private static Map<String, String> files(Path root) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString(), sha256(Files.readAllBytes(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
