package clearml.migrate.cli;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiClientOptions;
import clearml.migrate.api.ApiSettings;
import clearml.migrate.events.ElasticClient;
import clearml.migrate.events.ElasticClientOptions;
import clearml.migrate.events.ElasticSettings;
import clearml.migrate.events.EventStore;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.MongoSettings;
import clearml.migrate.ping.ApiPingReport;
import clearml.migrate.ping.ApiPinger;
import clearml.migrate.ping.PingReport;
import clearml.migrate.ping.Pinger;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clearml-migrate ping}: checks the connection to a server's stores and says what they hold. */
@Command(name = "ping", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Check that the server's MongoDB and Elasticsearch are reachable and hold ClearML data; "
                + "print their versions, the companies, the event indices, and how each store was reached "
                + "(TLS or not, the CAs trusted, the login; never a secret). With --api-host (or another API "
                + "flag): check the REST API instead; print the server's version, the caller's identity and role, "
                + "and what that role allows.")
final class PingCommand implements Callable<Integer> {

    /** A check answers quickly: a few short retries, not the minutes a long export may wait out. */
    private static final ElasticClientOptions PING_PATIENCE =
            ElasticClientOptions.defaults().withBackoff(Duration.ofMillis(200), Duration.ofSeconds(1));
    private static final ApiClientOptions PING_API_PATIENCE =
            ApiClientOptions.defaults().withBackoff(Duration.ofMillis(200), Duration.ofSeconds(1));

    // picocli writes the annotated fields after construction, so they cannot be final.
    @Option(names = "--json", order = 30, description = "Print the report as JSON on stdout.")
    boolean json;

    @Mixin
    @Nullable ConnectionOptions connection;

    @Mixin
    @Nullable ApiOptions api;

    @Spec
    @Nullable CommandSpec spec;

    @Override
    public Integer call() {
        if (Injected.required(api, "API options").given()) {
            return pingApi(Injected.required(api, "API options").settings());
        }
        // Both halves are read first, so a wrong flag or a prompt comes before any connection attempt.
        MongoSettings mongoSettings = connection().mongoSettings();
        ElasticSettings elasticSettings = connection().elasticSettings();
        PingReport report;
        try (ClearmlMongo mongo = ClearmlMongo.open(mongoSettings);
                ElasticClient elastic = new ElasticClient(elasticSettings, PING_PATIENCE)) {
            report = new Pinger(mongo, new EventStore(elastic)).run();
        }
        new PingRendering(report).print(spec().commandLine().getOut(), json);
        return 0;
    }

    private Integer pingApi(ApiSettings settings) {
        ApiPingReport report;
        try (ApiClient client = new ApiClient(settings, PING_API_PATIENCE)) {
            report = new ApiPinger(client).run();
        }
        new ApiPingRendering(report).print(spec().commandLine().getOut(), json);
        return 0;
    }

    private ConnectionOptions connection() {
        if (connection == null) {
            throw new IllegalStateException("picocli did not inject the connection options");
        }
        return connection;
    }

    private CommandSpec spec() {
        if (spec == null) {
            throw new IllegalStateException("picocli did not inject the command spec");
        }
        return spec;
    }
}
