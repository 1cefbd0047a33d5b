package clearml.migrate.cli;

import clearml.migrate.events.ElasticClient;
import clearml.migrate.events.ElasticSettings;
import clearml.migrate.events.EventStore;
import clearml.migrate.files.FileStore;
import clearml.migrate.files.FileStores;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.MongoSettings;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The stores of the server a command works on, opened in one place for {@code import}, {@code relink},
 * {@code verify} and {@code undo}: MongoDB, the event store and, when one is named, the file server. Closing closes
 * them in reverse; a store that fails to open closes the ones opened before it.
 */
final class TargetStores implements AutoCloseable {

    private final ClearmlMongo mongo;
    private final ElasticClient elastic;
    private final EventStore events;
    private final @Nullable FileStore files;

    private TargetStores(ClearmlMongo mongo, ElasticClient elastic, @Nullable FileStore files) {
        this.mongo = mongo;
        this.elastic = elastic;
        this.events = new EventStore(elastic);
        this.files = files;
    }

    /** MongoDB and the event store, without a file server. */
    static TargetStores open(ConnectionOptions connection) {
        return open(connection, null, null);
    }

    /**
     * MongoDB, the event store and, when {@code fileServer} is not null, that directory or URL.
     *
     * @param token the file server's token (see {@link clearml.migrate.files.FileServerToken}), used over HTTP
     */
    static TargetStores open(ConnectionOptions connection, @Nullable String fileServer, @Nullable String token) {
        // Both halves are read first, so that a wrong flag or a password prompt comes before any connection.
        MongoSettings mongoSettings = connection.mongoSettings();
        ElasticSettings elasticSettings = connection.elasticSettings();
        ClearmlMongo mongo = ClearmlMongo.open(mongoSettings);
        try {
            return withEngine(mongo, new ElasticClient(elasticSettings), fileServer, token, connection.retryFor());
        } catch (RuntimeException e) {
            mongo.close();
            throw e;
        }
    }

    private static TargetStores withEngine(ClearmlMongo mongo, ElasticClient elastic, @Nullable String fileServer,
            @Nullable String token, Duration retryFor) {
        try {
            return new TargetStores(mongo, elastic,
                    fileServer == null ? null : FileStores.open(fileServer, token, retryFor));
        } catch (RuntimeException e) {
            elastic.close();
            throw e;
        }
    }

    ClearmlMongo mongo() {
        return mongo;
    }

    EventStore events() {
        return events;
    }

    @Nullable FileStore files() {
        return files;
    }

    @Override
    public void close() {
        try (ClearmlMongo closedLast = mongo; ElasticClient closedSecond = elastic) {
            if (files != null) {
                files.close();
            }
        }
    }
}
