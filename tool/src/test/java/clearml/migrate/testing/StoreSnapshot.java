package clearml.migrate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
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
import java.util.TreeSet;
import java.util.stream.Stream;
import java.nio.ByteBuffer;
import org.bson.BsonBinaryReader;
import org.bson.ByteBuf;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;

/**
 * A server's whole contents as comparable values: every document of every collection of {@code backend} and
 * {@code auth} as its BSON bytes (hex, sorted), every event of every {@code events-*} index by index and id, and
 * the SHA-256 of every file under the file-server directory. Two snapshots are equal exactly when nothing was
 * written in between. Read independently of the tool's own clients. Small stores only: it holds all.
 */
public record StoreSnapshot(Map<String, List<String>> documents, Map<String, Map<String, JsonNode>> events,
        Map<String, String> files) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static StoreSnapshot of(String mongoUri, URI elastic, Path fileserverDir) {
        return new StoreSnapshot(documents(mongoUri), events(elastic), files(fileserverDir));
    }

    /** This snapshot without empty collections: undo leaves behind, empty, the ones a command created. */
    public StoreSnapshot ignoringEmpty() {
        Map<String, List<String>> kept = new TreeMap<>(documents);
        kept.values().removeIf(List::isEmpty);
        return new StoreSnapshot(kept, events, files);
    }

    /** This snapshot with only the named collections ({@code backend.task}...), events and files whole. */
    public StoreSnapshot onlyCollections(Set<String> names) {
        Map<String, List<String>> kept = new TreeMap<>(documents);
        kept.keySet().retainAll(names);
        return new StoreSnapshot(kept, events, files);
    }

    /** The documents of one collection ({@code backend.task}...), decoded. */
    public List<Document> collection(String name) {
        return documents.getOrDefault(name, List.of()).stream().map(hex -> new DocumentCodec().decode(
                new BsonBinaryReader(ByteBuffer.wrap(HexFormat.of().parseHex(hex))), DecoderContext.builder().build()))
                .toList();
    }

    public long eventCount() {
        return events.values().stream().mapToLong(Map::size).sum();
    }

    /** What differs from {@code other}, briefly, for a failing test's message. */
    public List<String> differences(StoreSnapshot other) {
        List<String> out = new ArrayList<>();
        Set<String> keys = new TreeSet<>(documents.keySet());
        keys.addAll(other.documents.keySet());
        for (String key : keys) {
            List<String> mine = documents.getOrDefault(key, List.of());
            List<String> theirs = other.documents.getOrDefault(key, List.of());
            mine.stream().filter(d -> !theirs.contains(d)).limit(3).forEach(d -> out.add("only here " + key + ": " + json(d)));
            theirs.stream().filter(d -> !mine.contains(d)).limit(3).forEach(d -> out.add("only there " + key + ": " + json(d)));
        }
        Set<String> indices = new TreeSet<>(events.keySet());
        indices.addAll(other.events.keySet());
        for (String index : indices) {
            Map<String, JsonNode> mine = events.getOrDefault(index, Map.of());
            Map<String, JsonNode> theirs = other.events.getOrDefault(index, Map.of());
            mine.forEach((id, e) -> {
                if (!e.equals(theirs.get(id))) {
                    out.add("event " + index + "/" + id + " here " + e + " there " + theirs.get(id));
                }
            });
            theirs.keySet().stream().filter(id -> !mine.containsKey(id)).forEach(id -> out.add("event only there " + index + "/" + id));
        }
        files.forEach((f, h) -> {
            if (!h.equals(other.files.get(f))) {
                out.add("file " + f);
            }
        });
        other.files.keySet().stream().filter(f -> !files.containsKey(f)).forEach(f -> out.add("file only there " + f));
        return out;
    }

    private static String json(String hex) {
        return new RawBsonDocument(HexFormat.of().parseHex(hex)).toJson();
    }

    private static Map<String, List<String>> documents(String mongoUri) {
        Map<String, List<String>> documents = new TreeMap<>();
        try (MongoClient mongo = MongoClients.create(mongoUri)) {
            for (String name : List.of("backend", "auth")) {
                MongoDatabase database = mongo.getDatabase(name);
                for (String collection : database.listCollectionNames()) {
                    List<String> bytes = new ArrayList<>();
                    for (RawBsonDocument document : database.getCollection(collection, RawBsonDocument.class).find()) {
                        ByteBuf buffer = document.getByteBuffer();
                        byte[] raw = new byte[buffer.remaining()];
                        buffer.get(raw);
                        bytes.add(HexFormat.of().formatHex(raw));
                    }
                    bytes.sort(null);
                    documents.put(name + "." + collection, bytes);
                }
            }
        }
        return documents;
    }

    /** Every event of every {@code events-*} index by index and id, read with a {@code _doc} scroll. */
    private static Map<String, Map<String, JsonNode>> events(URI elastic) {
        HttpClient http = HttpClient.newHttpClient();
        Map<String, Map<String, JsonNode>> events = new TreeMap<>();
        try {
            send(http, elastic.resolve("/events-*/_refresh"), "");
            JsonNode page = send(http, elastic.resolve("/events-*/_search?scroll=1m&size=1000"),
                    "{\"sort\":[\"_doc\"],\"query\":{\"match_all\":{}}}");
            while (page.path("hits").path("hits").size() > 0) {
                page.path("hits").path("hits").forEach(hit -> events.computeIfAbsent(hit.path("_index").asText(),
                        i -> new TreeMap<>()).put(hit.path("_id").asText(), hit.path("_source")));
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
