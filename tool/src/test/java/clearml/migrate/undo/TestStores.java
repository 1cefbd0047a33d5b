package clearml.migrate.undo;

import clearml.migrate.events.BulkOptions;
import clearml.migrate.events.ElasticClient;
import clearml.migrate.events.ElasticRequest;
import clearml.migrate.events.ElasticSettings;
import clearml.migrate.events.EventStore;
import clearml.migrate.files.FileStore;
import clearml.migrate.files.FileStores;
import clearml.migrate.importing.Importer;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.MongoSettings;
import clearml.migrate.testing.CliRun;
import clearml.migrate.testing.StoreSnapshot;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SearchEngine;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** A seeded target for undo tests: the sandbox's MongoDB, one search engine, a file directory; and the CLI. */
final class TestStores implements AutoCloseable {

    final MongoClient mongo;
    private final ClearmlMongo clearmlMongo;
    final ElasticClient elastic;
    final EventStore events;
    final Path files;
    private final String mongoUri;
    private final URI engine;

    private TestStores(Sandbox sandbox, URI engine, Path files) {
        this.mongoUri = sandbox.mongoUri();
        this.engine = engine;
        this.files = files;
        this.mongo = MongoClients.create(mongoUri);
        this.clearmlMongo = ClearmlMongo.open(new MongoSettings(mongoUri, null, null));
        this.elastic = new ElasticClient(new ElasticSettings(List.of(engine), null, null));
        this.events = new EventStore(elastic);
        // the Elasticsearch 7 node is shared by every test of the JVM and no @FreshStores resets it
        elastic.send(ElasticRequest.json("DELETE", "/events-*", null));
    }

    /** A ClearML server seeded afresh: the sandbox's MongoDB, events on the engine, files in {@code files}. */
    static TestStores seed(Sandbox sandbox, SearchEngine engine, Path files) {
        TestStores stores = new TestStores(sandbox, engine.uri(), files);
        new Seeder().seed(stores.mongoUri, engine.uri(), files, Sandbox.TARGET_FILESERVER_URL, SeedSize.small());
        return stores;
    }

    /** The sandbox's own stores as they are, with {@code files} as the file server's directory. */
    static TestStores of(Sandbox sandbox, Path files) {
        return new TestStores(sandbox, sandbox.elasticUri(), files);
    }

    MongoDatabase backend() {
        return mongo.getDatabase("backend");
    }

    MongoDatabase auth() {
        return mongo.getDatabase("auth");
    }

    /** The use case itself, for runs the command line cannot stage (a crash half-way). */
    Undoer undoer() {
        return new Undoer(clearmlMongo, events, store -> FileStores.open(store, null));
    }

    /** The import use case into these stores, for runs the command line cannot stage (a kill half-way). */
    Importer importer(BulkOptions bulk, Clock clock, FileStore artifacts) {
        return new Importer(clearmlMongo, events, bulk, clock, artifacts);
    }

    /** Runs {@code clearml-migrate undo JOURNAL ...} against these stores. */
    CliRun undo(Path journal, String... flags) {
        List<String> args = new ArrayList<>(List.of("undo", journal.toString()));
        args.addAll(List.of(flags));
        return cli(args);
    }

    /** Runs {@code clearml-migrate import ...} against these stores. */
    CliRun importing(String... flags) {
        List<String> args = new ArrayList<>(List.of("import"));
        args.addAll(List.of(flags));
        return cli(args);
    }

    /** Runs {@code clearml-migrate relink ...} against these stores. */
    CliRun relink(String... flags) {
        List<String> args = new ArrayList<>(List.of("relink"));
        args.addAll(List.of(flags));
        return cli(args);
    }

    private CliRun cli(List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--mongo-host", mongoUri, "--elastic-host", engine.toString(), "--no-progress"));
        return CliRun.exactly(args.toArray(String[]::new));
    }

    /** Everything these stores hold, empty collections left out (undo leaves behind the ones a command created). */
    StoreSnapshot snapshot() {
        return StoreSnapshot.of(mongoUri, engine, files).ignoringEmpty();
    }

    @Override
    public void close() {
        elastic.close();
        mongo.close();
        clearmlMongo.close();
    }
}
