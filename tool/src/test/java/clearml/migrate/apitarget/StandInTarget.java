package clearml.migrate.apitarget;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiClientOptions;
import clearml.migrate.api.ApiCredentials;
import clearml.migrate.api.ApiSettings;
import clearml.migrate.cli.Environment;
import clearml.migrate.testing.StoreSnapshot;
import clearml.sandbox.Sandbox;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.api.Credentials;
import clearml.sandbox.fileserver.FileServerStandIn;
import clearml.sandbox.seed.FreshServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A freshly started target behind the sandbox's ClearML API stand-in (not ClearML's apiserver, which cannot run
 * here), clients of it that retry in milliseconds, the genuine archives to import into it, and how tests compare
 * what it holds (its stores without the logins, ids mapped through an import's id map).
 */
public record StandInTarget(Sandbox sandbox, ApiStandIn api) {

    public static final Path FIXTURES = Path.of(System.getProperty("clearml.fixtures", "../../shared/fixtures"));
    private static final ApiClientOptions QUICK = ApiClientOptions.defaults().withBackoff(Duration.ofMillis(5),
            Duration.ofMillis(20));

    /** Initializes the (reset) sandbox as a server that just started, with ClearML's default company. */
    static StandInTarget fresh(Sandbox sandbox, ApiStandIn api) {
        FreshServer.initialize(sandbox.mongoUri(), FreshServer.DEFAULT_COMPANY, "clearml");
        return new StandInTarget(sandbox, api);
    }

    /** The variables a user of the hosted service sets: the admin's keys and the stand-in file server's URL. */
    public static Environment environment(ApiStandIn api, FileServerStandIn files) {
        return Environment.of(Map.of("CLEARML_API_ACCESS_KEY", api.adminCredentials().accessKey(),
                "CLEARML_API_SECRET_KEY", api.adminCredentials().secretKey(), "CLEARML_FILES_HOST", files.url()));
    }

    ApiClient admin() {
        return client(api.adminCredentials());
    }

    ApiClient user() {
        return client(api.userCredentials());
    }

    ApiSettings settings(Credentials keys) {
        return new ApiSettings(URI.create(api.url()), null,
                new ApiCredentials(keys.accessKey(), keys.secretKey(), "the stand-in"), Duration.ofSeconds(5));
    }

    private ApiClient client(Credentials keys) {
        return new ApiClient(settings(keys), QUICK);
    }

    /**
     * The stores without {@code auth.user}, where a server notes when and from where each key last logged in
     * ({@code credentials.last_used}): its bookkeeping of every API call, not the migration's.
     */
    public static StoreSnapshot withoutLogins(Sandbox sandbox) {
        StoreSnapshot all = StoreSnapshot.of(sandbox.mongoUri(), sandbox.elasticUri(), sandbox.fileserverDir())
                .ignoringEmpty();
        Set<String> collections = new TreeSet<>(all.documents().keySet());
        collections.remove("auth.user");
        return all.onlyCollections(collections);
    }

    /** {@code node} with every string that is a key of {@code ids} replaced by its value (the import's rule). */
    public static JsonNode mapped(JsonNode node, Map<String, String> ids) {
        if (node.isTextual() && ids.containsKey(node.asText())) {
            return TextNode.valueOf(ids.get(node.asText()));
        }
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> object.set(name, mapped(object.get(name), ids)));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, mapped(array.get(i), ids));
            }
        }
        return node;
    }

    /** Archived id → server id, from the id map's JSON lines (a header, then one line per created entity). */
    public static Map<String, String> idMap(Path file) {
        Map<String, String> ids = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                JsonNode entry = new ObjectMapper().readTree(line);
                if (entry.has("archived") && entry.path("target").isTextual()) {
                    ids.put(entry.get("archived").asText(), entry.get("target").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(ids).as("id map " + file).isNotEmpty();
        return ids;
    }

    /** A genuine ClearML archive ({@code /work/shared/fixtures}) copied into {@code dir}, with its companion. */
    public static Path fixture(String name, Path dir) {
        try (var files = Files.list(FIXTURES.resolve(name))) {
            Path archive = null;
            for (Path file : files.toList()) {
                Path copy = Files.copy(file, dir.resolve(file.getFileName()));
                copy.toFile().setWritable(true);
                if (copy.toString().endsWith(".zip")) {
                    archive = copy;
                }
            }
            if (archive == null) {
                throw new IllegalStateException("no archive in " + name);
            }
            return archive;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
