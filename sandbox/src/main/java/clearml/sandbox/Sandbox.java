package clearml.sandbox;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One stand-in ClearML server: a MongoDB-wire server, an OpenSearch node with ClearML's event templates, and a
 * file-server directory. {@code fileserverUrl()} is the address seeded URLs use for that directory; no HTTP file
 * server runs. The node's data lives under {@code workDir/opensearch} and is deleted on start and close; the
 * file-server directory is {@code workDir/fileserver}, emptied on start.
 */
public final class Sandbox implements AutoCloseable {

    /** The file-server address of a source sandbox: ClearML's default for a local server (data model §6.4). */
    public static final String SOURCE_FILESERVER_URL = "http://localhost:8081";
    /** The file-server address of a target sandbox: a different host, so rewritten URLs are visible. */
    public static final String TARGET_FILESERVER_URL = "http://files.target.local:8081";

    private static final Set<String> SYSTEM_DATABASES = Set.of("admin", "local", "config");

    private final EmbeddedMongo mongo;
    private final EmbeddedOpenSearch search;
    private final Path workDir;
    private final String fileserverUrl;
    private final boolean ownsWorkDir;
    private final Duration startTime;

    private Sandbox(EmbeddedMongo mongo, EmbeddedOpenSearch search, Path workDir, String fileserverUrl,
                    boolean ownsWorkDir, Duration startTime) {
        this.mongo = mongo;
        this.search = search;
        this.workDir = workDir;
        this.fileserverUrl = fileserverUrl;
        this.ownsWorkDir = ownsWorkDir;
        this.startTime = startTime;
    }

    /** Starts a sandbox in a new temporary directory named after {@code name}; {@link #close()} deletes it all. */
    public static Sandbox startTemporary(String name, String fileserverUrl) {
        return startTemporary(name, fileserverUrl, List.of());
    }

    /**
     * As {@link #startTemporary(String, String)}, its search engine allowed to {@code _reindex} from the remote
     * clusters {@code remoteAllowlist} names ({@code host:port}, see {@link EmbeddedOpenSearch#start(Path, List)}).
     */
    public static Sandbox startTemporary(String name, String fileserverUrl, List<String> remoteAllowlist) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("clearml-sandbox-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for sandbox " + name, e);
        }
        return start(workDir, fileserverUrl, true, remoteAllowlist);
    }

    /** Starts a source sandbox under {@code workDir}, its file server addressed as {@link #SOURCE_FILESERVER_URL}. */
    public static Sandbox start(Path workDir) {
        return start(workDir, SOURCE_FILESERVER_URL);
    }

    /** Starts a sandbox under {@code workDir} whose seeded file-server URLs start with {@code fileserverUrl}. */
    public static Sandbox start(Path workDir, String fileserverUrl) {
        return start(workDir, fileserverUrl, List.of());
    }

    /** As {@link #start(Path, String)}, its search engine allowed to {@code _reindex} from {@code remoteAllowlist}. */
    public static Sandbox start(Path workDir, String fileserverUrl, List<String> remoteAllowlist) {
        return start(workDir, fileserverUrl, false, remoteAllowlist);
    }

    private static Sandbox start(Path workDir, String fileserverUrl, boolean ownsWorkDir,
            List<String> remoteAllowlist) {
        long started = System.nanoTime();
        Path fileserver = workDir.resolve("fileserver");
        Directories.deleteTree(workDir.resolve("opensearch"));
        createDirectories(fileserver);
        Directories.deleteContents(fileserver);
        EmbeddedMongo mongo = EmbeddedMongo.start();
        try {
            EmbeddedOpenSearch search = EmbeddedOpenSearch.start(workDir.resolve("opensearch"), remoteAllowlist);
            EventTemplates.install(search.uri());
            return new Sandbox(mongo, search, workDir, fileserverUrl, ownsWorkDir,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (RuntimeException e) {
            mongo.close();
            throw e;
        }
    }

    /** The MongoDB connection string, e.g. {@code mongodb://127.0.0.1:40123}; no credentials. */
    public String mongoUri() {
        return mongo.uri();
    }

    /** The OpenSearch HTTP address, e.g. {@code http://127.0.0.1:41234}. */
    public URI elasticUri() {
        return search.uri();
    }

    /** The directory that plays the file server's storage root (data model §6.2). */
    public Path fileserverDir() {
        return workDir.resolve("fileserver");
    }

    /** The file-server address seeded URLs use, without a trailing slash. */
    public String fileserverUrl() {
        return fileserverUrl;
    }

    /** How long {@link #start} took: Mongo, the OpenSearch node and the templates. */
    public Duration startTime() {
        return startTime;
    }

    /** Drops every database, deletes every {@code events-*} index, reinstalls the templates, empties the file server. */
    public void reset() {
        try (MongoClient client = MongoClients.create(mongoUri())) {
            for (String name : client.listDatabaseNames()) {
                if (!SYSTEM_DATABASES.contains(name)) {
                    client.getDatabase(name).drop();
                }
            }
        }
        new ElasticHttp(elasticUri()).delete("/events-*");
        EventTemplates.install(elasticUri());
        Directories.deleteContents(fileserverDir());
    }

    /**
     * Stops both servers and deletes the node's data; the file-server directory stays for the caller unless the
     * sandbox made its own work directory ({@link #startTemporary}).
     */
    @Override
    public void close() {
        try (mongo) {
            search.close();
        }
        Directories.deleteTree(ownsWorkDir ? workDir : workDir.resolve("opensearch"));
    }

    @Override
    public String toString() {
        return "Sandbox[mongo=" + mongoUri() + ", elastic=" + elasticUri() + ", fileserver=" + fileserverDir() + "]";
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the file-server directory " + dir, e);
        }
    }
}
