package clearml.migrate.mongo;

import clearml.migrate.failures.NotAClearmlStoreException;
import clearml.migrate.failures.UsageException;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.connection.SslSettings;
import clearml.migrate.retry.Backoff;
import clearml.migrate.retry.Patience;
import clearml.migrate.tls.ConnectionSecurity;
import clearml.migrate.tls.TlsFailures;
import clearml.migrate.tls.TlsTrust;
import clearml.migrate.tls.TrustFlags;
import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * An open connection to a ClearML server's MongoDB: its {@code backend} and {@code auth} databases (data model §1.1).
 * Every driver failure of the methods here surfaces as a {@code MigrateException} that names the host and never the
 * password. Commands open one per store with try-with-resources and hand it to the use case.
 */
public final class ClearmlMongo implements Closeable {

    /** Long enough for a slow network, short enough that a wrong host fails before the user gives up. */
    private static final int SERVER_SELECTION_SECONDS = 5;
    /** Any of these in {@code backend} marks a ClearML store; an empty server gets none of them. */
    private static final Set<String> CLEARML_COLLECTIONS =
            Set.of(Collections.TASK, Collections.PROJECT, Collections.COMPANY, Collections.VERSIONS);

    private final MongoClient client;
    private final MongoFailures failures;
    private final Duration retryFor;
    private final ConnectionSecurity security;
    private volatile @Nullable MongoCapabilities capabilities;

    private ClearmlMongo(MongoClient client, MongoFailures failures, Duration retryFor, ConnectionSecurity security) {
        this.client = client;
        this.failures = failures;
        this.retryFor = retryFor;
        this.security = security;
    }

    /** Connects lazily: the first call that needs the server fails when it is unreachable or refuses the login. */
    public static ClearmlMongo open(MongoSettings settings) {
        ConnectionString uri = connectionString(settings.uri());
        MongoClientSettings.Builder builder = MongoClientSettings.builder()
                .applyConnectionString(uri)
                .applyToClusterSettings(c -> c.serverSelectionTimeout(SERVER_SELECTION_SECONDS, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(SERVER_SELECTION_SECONDS, TimeUnit.SECONDS));
        String user = settings.user();
        if (user != null) {
            builder.credential(MongoCredential.createCredential(user, authSource(uri), password(settings)));
        }
        TlsTrust trust = settings.trust();
        if (trust.isCustom()) {
            // The driver's own switch for host names; with no checks at all the trust manager skips them anyway.
            builder.applyToSslSettings(ssl -> ssl.enabled(true).context(trust.sslContext())
                    .invalidHostNameAllowed(!trust.checksHostNames()));
        }
        MongoClientSettings built = builder.build();
        MongoClient client = MongoClients.create(built);
        MongoFailures failures = new MongoFailures(String.join(",", uri.getHosts()), client,
                new TlsFailures("MongoDB", trust, TrustFlags.MONGO));
        return new ClearmlMongo(client, failures, settings.retryFor(), security(built, trust));
    }

    /** How the client reaches the server, from the settings the driver was given (the URI's {@code tls=true} too). */
    private static ConnectionSecurity security(MongoClientSettings built, TlsTrust trust) {
        SslSettings ssl = built.getSslSettings();
        String trusted = trust.describe() + (ssl.isInvalidHostNameAllowed() && trust.checksHostNames()
                ? ", host names unchecked (tlsAllowInvalidHostnames)" : "");
        MongoCredential credential = built.getCredential();
        String login = credential == null ? "no authentication" : "user '" + credential.getUserName() + "' ("
                + (credential.getMechanism() == null ? "password" : credential.getMechanism()) + ", auth database "
                + credential.getSource() + ")";
        return new ConnectionSecurity(ssl.isEnabled(), ssl.isEnabled() ? trusted : null, login);
    }

    private static ConnectionString connectionString(String uri) {
        try {
            return new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            // The driver's reasons name the rule broken, not the string, which may hold a password.
            throw new UsageException("--mongo-host is not a MongoDB connection string; write it like "
                    + "mongodb://host:27017", e);
        }
    }

    /** MongoDB's own rule: the database named in the URI, else {@code admin}. */
    private static String authSource(ConnectionString uri) {
        String database = uri.getDatabase();
        return database == null ? "admin" : database;
    }

    private static char[] password(MongoSettings settings) {
        String password = settings.password();
        return password == null ? new char[0] : password.toCharArray();
    }

    /** How this client reaches the server: over TLS or not, trusting what, logged in how (never the password). */
    public ConnectionSecurity security() {
        return security;
    }

    /** The {@code backend} database: projects, tasks, models, companies, backend users, versions. */
    public MongoDatabase backend() {
        return client.getDatabase(Collections.BACKEND_DB);
    }

    /** The {@code auth} database: auth users and their credentials. */
    public MongoDatabase auth() {
        return client.getDatabase(Collections.AUTH_DB);
    }

    /** The MongoDB server version from {@code buildInfo}, e.g. {@code 5.0.28}. */
    public String serverVersion() {
        return failures.translate(() -> client.getDatabase("admin")
                .runCommand(new Document("buildInfo", 1)).get("version", "unknown"));
    }

    /**
     * What the server says it can do and its size limits, asked once on first use ({@code hello}, falling back to
     * {@code isMaster}, and {@code buildInfo}); see {@link MongoCapabilities}.
     */
    public MongoCapabilities capabilities() {
        MongoCapabilities known = capabilities;
        if (known == null) { // two threads may both ask; they get the same answer
            known = retrying(() -> MongoCapabilities.probe(client.getDatabase("admin"))); // read-only: safe to resend
            capabilities = known;
        }
        return known;
    }

    /** The newest schema-migration record (data model §8.2), empty when the store has none (an empty server). */
    public Optional<SchemaVersion> schemaVersion() {
        return failures.translate(() -> backend().getCollection(Collections.VERSIONS)
                .find().projection(Projections.include("num"))
                .map(d -> d.get("num")).into(new ArrayList<>()).stream()
                .filter(String.class::isInstance).map(n -> new SchemaVersion((String) n))
                .max(Comparator.naturalOrder()));
    }

    /**
     * MongoDB's featureCompatibilityVersion, e.g. {@code 6.0}; empty when the server does not say (no such command,
     * as mongo-java-server, or a user without the right to ask).
     */
    public Optional<String> featureCompatibilityVersion() {
        return retrying(() -> {
            try {
                Document answer = client.getDatabase("admin").runCommand(
                        new Document("getParameter", 1).append("featureCompatibilityVersion", 1));
                return answer.get("featureCompatibilityVersion") instanceof Document fcv
                        && fcv.get("version") instanceof String version
                        ? Optional.of(version) : Optional.<String>empty();
            } catch (MongoCommandException refused) {
                return Optional.<String>empty();
            }
        });
    }

    /** Which server line the data is for, from the schema records and the compatibility version. */
    public ServerGeneration.Recognition serverGeneration() {
        return ServerGeneration.recognise(schemaVersion(), featureCompatibilityVersion());
    }

    /** Every company in {@code backend.company}, ordered by id. */
    public List<Company> companies() {
        return failures.translate(() -> backend().getCollection(Collections.COMPANY)
                .find().projection(Projections.include("name")).sort(new Document("_id", 1))
                .map(d -> new Company(String.valueOf(d.get("_id")), d.get("name", "")))
                .into(new ArrayList<>()));
    }

    /**
     * Checks that the server is reachable, accepts the login, and holds ClearML data.
     *
     * @throws NotAClearmlStoreException when there is no {@code backend} database with ClearML collections
     */
    public void requireClearml() {
        boolean clearml = failures.translate(() -> client.listDatabaseNames().into(new ArrayList<>())
                .contains(Collections.BACKEND_DB)
                && backend().listCollectionNames().into(new ArrayList<>()).stream().anyMatch(CLEARML_COLLECTIONS::contains));
        if (!clearml) {
            throw new NotAClearmlStoreException("MongoDB at " + failures.hosts() + " holds no ClearML data (no '"
                    + Collections.BACKEND_DB + "' database with ClearML collections); check --mongo-host");
        }
    }

    /** Runs driver calls of other packages with the same failure translation as this class's own. */
    public <T> T translate(Supplier<T> call) {
        return failures.translate(call);
    }

    /**
     * Runs an idempotent driver call (a read, an upsert, a {@code $set}, a delete by id) like {@link #translate},
     * but sends it again, with backoff and jitter, while the server is away (a dropped connection, no server to
     * select, a primary stepping down), for up to {@link MongoSettings#retryFor()}. The call must build its result
     * afresh on each attempt: collect into a new list inside it, never into one outside.
     */
    public <T> T retrying(Supplier<T> call) {
        return failures.retrying(call, Patience.backoff(retryFor));
    }

    /**
     * Hands every document of {@code collection} matching {@code filter} to {@code sink}, in {@code _id} order,
     * reading {@code batchSize} at a time. When the server goes away mid-scan, the scan waits as {@link #retrying}
     * does and resumes after the last document handed over, so none is handed over twice or skipped. Failures of
     * the sink itself pass through untouched.
     */
    public void scan(MongoCollection<Document> collection, Bson filter, Bson projection, int batchSize,
            Consumer<Document> sink) {
        Backoff backoff = Patience.backoff(retryFor);
        Object last = null;
        while (true) {
            try (ResumedScan scan = new ResumedScan(collection, after(filter, last), projection, batchSize)) {
                for (Document next = scan.next(); next != null; next = scan.next()) {
                    sink.accept(next);
                    last = next.get("_id");
                }
                return;
            } catch (ScanInterrupted interrupted) {
                failures.waitOrThrow(interrupted.failure(), backoff);
            }
        }
    }

    private static Bson after(Bson filter, @Nullable Object lastId) {
        return lastId == null ? filter : Filters.and(filter, Filters.gt("_id", lastId));
    }

    /** One cursor of a {@link #scan}; its own driver failures come out as {@link ScanInterrupted}. */
    private final class ResumedScan implements AutoCloseable {
        private final MongoCursor<Document> cursor;

        ResumedScan(MongoCollection<Document> collection, Bson filter, Bson projection, int batchSize) {
            try {
                cursor = collection.find(filter).projection(projection).sort(Sorts.ascending("_id"))
                        .batchSize(batchSize).iterator();
            } catch (RuntimeException e) {
                throw new ScanInterrupted(e);
            }
        }

        @Nullable Document next() {
            try {
                return cursor.hasNext() ? cursor.next() : null;
            } catch (RuntimeException e) {
                throw new ScanInterrupted(e);
            }
        }

        @Override
        public void close() {
            try {
                cursor.close();
            } catch (RuntimeException e) {
                // the server is gone with the cursor; nothing to release
            }
        }
    }

    /** A scan's own read failed (not its sink). */
    private static final class ScanInterrupted extends RuntimeException {
        private final RuntimeException failure;

        ScanInterrupted(RuntimeException failure) {
            super(failure);
            this.failure = failure;
        }

        RuntimeException failure() {
            return failure;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
