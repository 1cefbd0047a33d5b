package clearml.migrate.cli;

import clearml.migrate.events.ElasticApiKey;
import clearml.migrate.events.ElasticSettings;
import clearml.migrate.failures.UsageException;
import clearml.migrate.mongo.MongoSettings;
import clearml.migrate.tls.TlsTrust;
import clearml.migrate.tls.TrustFlags;
import java.io.PrintWriter;
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
 * {@code CLEARML_MIGRATE_*} variables through {@link EnvironmentDefaults}; passwords and the API key come from a
 * plain flag (with a warning), a file, a variable, or (passwords only) a prompt, in that order. A CA file is read
 * here, so that a file that is no PEM fails as a usage error before any connection.
 */
public final class ConnectionOptions {

    private static final String API_KEY_VARIABLE = "CLEARML_MIGRATE_ELASTIC_API_KEY";

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

    @Option(names = "--mongo-ca-cert", paramLabel = "PEM", order = 104,
            description = "Connect over TLS and trust exactly the CA certificates in this PEM file "
                    + "(env CLEARML_MIGRATE_MONGO_CA_CERT). tls=true in --mongo-host trusts the JDK's CAs instead.")
    private @Nullable Path mongoCaCert;

    @Option(names = "--mongo-insecure", order = 105,
            description = "Connect over TLS without checking the server's certificate or host name; prints a "
                    + "warning (env CLEARML_MIGRATE_MONGO_INSECURE=true).")
    private boolean mongoInsecure;

    @Option(names = "--elastic-host", paramLabel = "URL", split = ",", defaultValue = "http://localhost:9200",
            order = 110, description = "One or more http(s)://host:port of the Elasticsearch/OpenSearch cluster, "
                    + "comma-separated or repeated (default: ${DEFAULT-VALUE}; env CLEARML_MIGRATE_ELASTIC_HOST).")
    private List<URI> elasticHosts = List.of();

    @Option(names = "--elastic-user", paramLabel = "USER", order = 111,
            description = "Elasticsearch user for basic authentication (env CLEARML_MIGRATE_ELASTIC_USER).")
    private @Nullable String elasticUser;

    @Option(names = "--elastic-password-file", paramLabel = "FILE", order = 112,
            description = "File whose first line is the Elasticsearch password "
                    + "(env CLEARML_MIGRATE_ELASTIC_PASSWORD_FILE). Or set CLEARML_MIGRATE_ELASTIC_PASSWORD; with "
                    + "neither, a console prompts for it.")
    private @Nullable Path elasticPasswordFile;

    @Option(names = "--elastic-password", paramLabel = "PASSWORD", order = 113,
            description = "Elasticsearch password on the command line: works, but others can read it; prefer the "
                    + "file or the variable.")
    private @Nullable String elasticPassword;

    @Option(names = "--elastic-api-key-file", paramLabel = "FILE", order = 114,
            description = "File whose first line is an Elasticsearch API key, id:api_key or the encoded form, "
                    + "used instead of a user (env CLEARML_MIGRATE_ELASTIC_API_KEY_FILE). Or set "
                    + "CLEARML_MIGRATE_ELASTIC_API_KEY.")
    private @Nullable Path elasticApiKeyFile;

    @Option(names = "--elastic-api-key", paramLabel = "KEY", order = 115,
            description = "Elasticsearch API key on the command line: works, but others can read it; prefer the "
                    + "file or the variable.")
    private @Nullable String elasticApiKey;

    @Option(names = "--elastic-ca-cert", paramLabel = "PEM", order = 116,
            description = "Trust exactly the CA certificates in this PEM file on https:// hosts, e.g. "
                    + "Elasticsearch 8's http_ca.crt (env CLEARML_MIGRATE_ELASTIC_CA_CERT).")
    private @Nullable Path elasticCaCert;

    @Option(names = "--elastic-insecure", order = 117,
            description = "Do not check the certificates and host names of https:// hosts; prints a warning "
                    + "(env CLEARML_MIGRATE_ELASTIC_INSECURE=true).")
    private boolean elasticInsecure;

    @Option(names = "--retry-for", paramLabel = "DURATION", defaultValue = "2m", order = 120,
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

    /**
     * Warnings and password prompts go to {@code command}'s streams: for options declared under a prefix
     * ({@link PrefixedOptions}), which picocli does not inject as it does a mixin's.
     */
    void reportTo(CommandSpec mixee) {
        this.command = mixee;
    }

    /** The MongoDB half, with the password resolved and the CA file read. */
    public MongoSettings mongoSettings() {
        TlsTrust trust = trust(mongoCaCert, mongoInsecure, TrustFlags.MONGO, "the MongoDB server");
        String password = passwords("MongoDB", "--mongo-password")
                .resolve(mongoUser, mongoPassword, mongoPasswordFile, "CLEARML_MIGRATE_MONGO_PASSWORD");
        return new MongoSettings(mongoHost, mongoUser, password, trust, retryFor());
    }

    /** The Elasticsearch half, with the password or API key resolved and the CA file read. */
    public ElasticSettings elasticSettings() {
        elasticHosts.forEach(ConnectionOptions::requireHttp);
        requireHttpsForTrustFlags();
        refuseUserWithApiKey();
        TlsTrust trust = trust(elasticCaCert, elasticInsecure, TrustFlags.ELASTIC, "the Elasticsearch hosts");
        String password = passwords("Elasticsearch", "--elastic-password")
                .resolve(elasticUser, elasticPassword, elasticPasswordFile, "CLEARML_MIGRATE_ELASTIC_PASSWORD");
        return new ElasticSettings(elasticHosts, elasticUser, password, apiKey(), trust, retryFor());
    }

    /** A CA or {@code --elastic-insecure} for http:// hosts only means a forgotten https:// (Elasticsearch 8). */
    private void requireHttpsForTrustFlags() {
        if ((elasticCaCert != null || elasticInsecure)
                && elasticHosts.stream().noneMatch(host -> "https".equals(host.getScheme()))) {
            throw new UsageException((elasticInsecure ? "--elastic-insecure" : "--elastic-ca-cert")
                    + " applies to https:// hosts, but --elastic-host names none; write https://HOST:9200");
        }
    }

    /** One login per request: Elasticsearch takes either basic authentication or an API key. */
    private void refuseUserWithApiKey() {
        boolean user = elasticUser != null || elasticHosts.stream().anyMatch(host -> host.getRawUserInfo() != null);
        if (user && apiKeyGiven()) {
            throw new UsageException("give either --elastic-user (basic authentication) or an API key "
                    + "(--elastic-api-key-file, " + API_KEY_VARIABLE + "), not both");
        }
    }

    private boolean apiKeyGiven() {
        return elasticApiKey != null || elasticApiKeyFile != null
                || environment.variables().containsKey(API_KEY_VARIABLE);
    }

    /** The API key, if one is given, in either of the forms {@link ElasticApiKey} takes. */
    private @Nullable ElasticApiKey apiKey() {
        String key = passwords("Elasticsearch API key", "--elastic-api-key")
                .resolve(null, elasticApiKey, elasticApiKeyFile, API_KEY_VARIABLE);
        if (key != null && key.isBlank()) {
            throw new UsageException("the Elasticsearch API key is empty; give id:api_key or the encoded key in "
                    + "--elastic-api-key-file or " + API_KEY_VARIABLE);
        }
        return key == null ? null : ElasticApiKey.of(key);
    }

    /**
     * The certificates a store's client trusts: the JDK's CAs, exactly those of a PEM file, or none (with a
     * warning, as anyone on the way could then read the traffic and the credentials in it).
     */
    private TlsTrust trust(@Nullable Path caCert, boolean insecure, TrustFlags flags, String store) {
        if (caCert != null && insecure) {
            throw new UsageException(flags.caCert() + " and " + flags.insecure() + " exclude each other; give the CA "
                    + "that signed the server's certificate, or skip the checks");
        }
        if (insecure) {
            warn(flags.insecure() + ": the certificates and host names of " + store + " are not checked; anyone "
                    + "on the way can read and change the traffic, credentials included");
            return TlsTrust.INSECURE;
        }
        return caCert == null ? TlsTrust.SYSTEM : TlsTrust.fromPem(caCert, flags.caCert());
    }

    private void warn(String warning) {
        PrintWriter err = command == null ? null : command.commandLine().getErr();
        if (err != null) {
            err.println("clearml-migrate: warning: " + warning);
            err.flush();
        }
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
