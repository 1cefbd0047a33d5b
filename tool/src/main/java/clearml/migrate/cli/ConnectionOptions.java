package clearml.migrate.cli;

import clearml.migrate.events.ElasticSettings;
import clearml.migrate.failures.UsageException;
import clearml.migrate.mongo.MongoSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The connection flags shared by every command that touches a server (design.md §2), turned into the
 * {@link MongoSettings} and {@link ElasticSettings} the core sees. Hosts and users fall back to
 * {@code CLEARML_MIGRATE_*} variables through {@link EnvironmentDefaults}; passwords come from a plain flag (with a
 * warning), a file, a variable, or a prompt, in that order.
 */
public final class ConnectionOptions {

    // picocli writes the annotated fields after construction, so they cannot be final.
    @Option(names = "--mongo-host", paramLabel = "URI", defaultValue = "mongodb://localhost:27017", order = 100,
            description = "MongoDB connection string of the ClearML server (default: ${DEFAULT-VALUE}; "
                    + "env CLEARML_MIGRATE_MONGO_HOST).")
    private String mongoHost = "mongodb://localhost:27017";

    @Option(names = "--mongo-user", paramLabel = "USER", order = 101,
            description = "MongoDB user (env CLEARML_MIGRATE_MONGO_USER).")
    private @Nullable String mongoUser;

    @Option(names = "--mongo-password-file", paramLabel = "FILE", order = 102,
            description = "File whose first line is the MongoDB password (env CLEARML_MIGRATE_MONGO_PASSWORD_FILE). "
                    + "Or set CLEARML_MIGRATE_MONGO_PASSWORD; with neither, a console prompts for it.")
    private @Nullable Path mongoPasswordFile;

    @Option(names = "--mongo-password", paramLabel = "PASSWORD", order = 103,
            description = "MongoDB password on the command line: works, but others can read it; prefer the file "
                    + "or the variable.")
    private @Nullable String mongoPassword;

    @Option(names = "--elastic-host", paramLabel = "URL", split = ",", defaultValue = "http://localhost:9200",
            order = 104, description = "One or more http(s)://host:port of the Elasticsearch/OpenSearch cluster, "
                    + "comma-separated or repeated (default: ${DEFAULT-VALUE}; env CLEARML_MIGRATE_ELASTIC_HOST).")
    private List<URI> elasticHosts = List.of();

    @Option(names = "--elastic-user", paramLabel = "USER", order = 105,
            description = "Elasticsearch user for basic authentication (env CLEARML_MIGRATE_ELASTIC_USER).")
    private @Nullable String elasticUser;

    @Option(names = "--elastic-password-file", paramLabel = "FILE", order = 106,
            description = "File whose first line is the Elasticsearch password "
                    + "(env CLEARML_MIGRATE_ELASTIC_PASSWORD_FILE). Or set CLEARML_MIGRATE_ELASTIC_PASSWORD; with "
                    + "neither, a console prompts for it.")
    private @Nullable Path elasticPasswordFile;

    @Option(names = "--elastic-password", paramLabel = "PASSWORD", order = 107,
            description = "Elasticsearch password on the command line: works, but others can read it; prefer the "
                    + "file or the variable.")
    private @Nullable String elasticPassword;

    @Option(names = "--retry-for", paramLabel = "DURATION", defaultValue = "2m", order = 108,
            description = "How long to keep retrying a store that stops answering mid-run (restarting, overloaded, "
                    + "network gone), with growing waits, before the command fails; 0 fails at once "
                    + "(default: ${DEFAULT-VALUE}; e.g. 90s, 10m).")
    private String retryFor = "2m";

    @Spec(Spec.Target.MIXEE)
    private @Nullable CommandSpec command;

    private final Environment environment;

    ConnectionOptions(Environment environment) {
        this.environment = environment;
    }

    /** The MongoDB half, with the password resolved. */
    public MongoSettings mongoSettings() {
        String password = passwords("MongoDB", "--mongo-password")
                .resolve(mongoUser, mongoPassword, mongoPasswordFile, "CLEARML_MIGRATE_MONGO_PASSWORD");
        return new MongoSettings(mongoHost, mongoUser, password, retryFor());
    }

    /** The Elasticsearch half, with the password resolved. */
    public ElasticSettings elasticSettings() {
        elasticHosts.forEach(ConnectionOptions::requireHttp);
        String password = passwords("Elasticsearch", "--elastic-password")
                .resolve(elasticUser, elasticPassword, elasticPasswordFile, "CLEARML_MIGRATE_ELASTIC_PASSWORD");
        return new ElasticSettings(elasticHosts, elasticUser, password, retryFor());
    }

    /** How long a store that stops answering is retried: {@code --retry-for}, for the file server too. */
    Duration retryFor() {
        return DurationText.parse("--retry-for", retryFor);
    }

    private PasswordSources passwords(String store, String flag) {
        return new PasswordSources(store, flag, environment, command == null ? null : command.commandLine().getErr());
    }

    private static void requireHttp(URI host) {
        String scheme = host.getScheme();
        if (host.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
            throw new UsageException("--elastic-host '" + host + "' is not an http(s)://host:port address; "
                    + "write it like http://localhost:9200");
        }
    }
}
