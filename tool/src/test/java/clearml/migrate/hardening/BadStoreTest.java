package clearml.migrate.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.cli.Environment;
import clearml.migrate.importing.SmallArchive;
import clearml.migrate.testing.CliRun;
import clearml.migrate.testing.StoreSnapshot;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.sun.net.httpserver.HttpServer;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A store that is not ClearML's, or that refuses the login, stops every command with one line and exit 3, never
 * showing the password, and writes nothing.
 *
 * <p>The embedded engines run without security, so a refusing Elasticsearch is a loopback JDK {@code HttpServer}
 * answering 401 to every request, as a secured Elasticsearch answers a wrong password: an honest stand-in for the
 * status code, not for Elasticsearch's security itself. mongo-java-server has no authentication at all: given a
 * user and password, the driver's authentication handshake fails against it, which is what the tool must map to
 * one line. {@code ping} alone is covered in {@code cli.PingCommandTest} (a Mongo without ClearML data, a refused
 * Mongo login, an unreachable store) and relink's unreachable store in {@code relinking.RelinkScopeTest}.
 *
 * <p>{@code import} into an empty MongoDB is refused too, dry run or not, and nothing is created there: a ClearML
 * server started on it later would find no schema-migration records and run every migration over the imported data
 * (data model §8.2). The message says to start the server once first.
 */
@ExtendWith(SandboxExtension.class)
class BadStoreTest {

    private static final String MONGO_PASSWORD = "mongo-Pa55-word-never-shown";
    private static final String ELASTIC_PASSWORD = "elastic-Pa55-word-never-shown";

    private final MongoServer emptyMongo = new MongoServer(new MemoryBackend());
    private HttpServer refusingElastic;
    private String emptyMongoUri = "";
    private String refusingElasticUrl = "";
    private Sandbox target;
    private Path archive;

    @TempDir
    Path dir;

    @BeforeEach
    void start(@TargetServer Sandbox sandbox) throws IOException {
        target = sandbox;
        target.reset();
        FreshServer.initialize(target.mongoUri(), FreshServer.TARGET_COMPANY, "target");
        emptyMongo.bind("127.0.0.1", 0);
        emptyMongoUri = "mongodb://127.0.0.1:" + emptyMongo.getLocalAddress().getPort();
        refusingElastic = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        refusingElastic.createContext("/", exchange -> {
            byte[] body = ("{\"error\":{\"type\":\"security_exception\",\"reason\":\"unable to authenticate user"
                    + " [elastic] for REST request\"},\"status\":401}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"security\" charset=\"UTF-8\"");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        refusingElastic.start();
        refusingElasticUrl = "http://127.0.0.1:" + refusingElastic.getAddress().getPort();
        archive = SmallArchive.write(dir);
        CliRun imported = CliRun.exactly("import", archive.toString(), "--company", FreshServer.TARGET_COMPANY, "--no-progress",
                "--undo-log", dir.resolve("import.undo.jsonl.gz").toString(),
                "--mongo-host", target.mongoUri(), "--elastic-host", target.elasticUri().toString());
        assertThat(imported.exitCode()).as("a target with data, so that every command reaches the engine: %s",
                imported.output()).isZero();
    }

    @AfterEach
    void stop() {
        refusingElastic.stop(0);
        emptyMongo.shutdownNow();
    }

    /** Each command against each bad store: which store, the mongo and elastic hosts, exit code, message fragment. */
    static Stream<Arguments> refusals() {
        List<Arguments> cases = new ArrayList<>();
        for (String[] command : commands()) {
            String name = command[0] + (List.of(command).contains("--dry-run") ? " --dry-run" : "");
            cases.add(Arguments.of(name + " on an empty MongoDB", command, Store.EMPTY_MONGO, 3,
                    name.startsWith("import") ? "holds no ClearML data (no 'backend' database with ClearML "
                            + "collections); check --mongo-host, or, for a new server, start ClearML on it once so "
                            + "that it creates its database, then import" : "holds no ClearML data"));
            cases.add(Arguments.of(name + " with a Mongo login it refuses", command, Store.MONGO_LOGIN, 3,
                    "refused the credentials"));
            cases.add(Arguments.of(name + " with an Elasticsearch password it refuses", command, Store.ELASTIC_LOGIN,
                    3, "refused the credentials"));
        }
        return cases.stream();
    }

    private static List<String[]> commands() {
        return List.of(new String[] {"ping"}, new String[] {"export", "--all"},
                new String[] {"import", "ARCHIVE", "--company", FreshServer.TARGET_COMPANY},
                new String[] {"import", "ARCHIVE", "--company", FreshServer.TARGET_COMPANY, "--dry-run"},
                new String[] {"undo", "JOURNAL"},
                new String[] {"relink", "--host-source", "http://old:8081", "--host-target", "http://new:8081"},
                new String[] {"verify", "ARCHIVE", "--company", FreshServer.TARGET_COMPANY});
    }

    enum Store { EMPTY_MONGO, MONGO_LOGIN, ELASTIC_LOGIN }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWithOneLineWithoutThePasswordAndWritesNothing(String what, String[] command, Store store,
            int exitCode, String fragment) {
        StoreSnapshot before = StoreSnapshot.of(target.mongoUri(), target.elasticUri(), target.fileserverDir());
        List<String> args = new ArrayList<>();
        for (String arg : command) {
            args.add(switch (arg) {
                case "ARCHIVE" -> archive.toString();
                case "JOURNAL" -> dir.resolve("import.undo.jsonl.gz").toString();
                default -> arg;
            });
        }
        args.addAll(quiet(command[0]));
        args.addAll(connection(store));
        Environment environment = Environment.of(Map.of("CLEARML_MIGRATE_MONGO_PASSWORD", MONGO_PASSWORD,
                "CLEARML_MIGRATE_ELASTIC_PASSWORD", ELASTIC_PASSWORD));

        CliRun run = CliRun.exactly(environment, args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(exitCode);
        String line = run.oneErrorLine();
        assertThat(line).startsWith("clearml-migrate: ").contains(fragment);
        // Its first words, once: a failure rethrown with the original as cause would print them twice.
        String said = fragment.substring(0, Math.min(fragment.length(), 21));
        assertThat(line.indexOf(said)).as("said once: %s", line).isEqualTo(line.lastIndexOf(said));
        assertThat(run.output()).doesNotContain(MONGO_PASSWORD).doesNotContain(ELASTIC_PASSWORD);
        assertThat(StoreSnapshot.of(target.mongoUri(), target.elasticUri(), target.fileserverDir()))
                .isEqualTo(before);
        assertThat(databasesOf(emptyMongoUri)).as("databases created in the empty MongoDB").isEmpty();
    }

    private static List<String> databasesOf(String mongoUri) {
        try (MongoClient client = MongoClients.create(mongoUri)) {
            return client.listDatabaseNames().into(new ArrayList<>());
        }
    }

    private List<String> quiet(String command) {
        return switch (command) {
            case "ping" -> List.of();
            case "export" -> List.of("--no-progress", "--output", dir.resolve("out").toString());
            default -> List.of("--no-progress");
        };
    }

    private List<String> connection(Store store) {
        return switch (store) {
            case EMPTY_MONGO -> List.of("--mongo-host", emptyMongoUri, "--elastic-host", target.elasticUri().toString());
            case MONGO_LOGIN -> List.of("--mongo-host", emptyMongoUri, "--mongo-user", "clearml",
                    "--elastic-host", target.elasticUri().toString());
            case ELASTIC_LOGIN -> List.of("--mongo-host", target.mongoUri(), "--elastic-host", refusingElasticUrl,
                    "--elastic-user", "elastic");
        };
    }
}
