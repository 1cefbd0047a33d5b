package clearml.migrate.apitarget;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiClientOptions;
import clearml.migrate.api.ApiCredentials;
import clearml.migrate.api.ApiSettings;
import clearml.migrate.cli.Environment;
import clearml.sandbox.Sandbox;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.api.Credentials;
import clearml.sandbox.fileserver.FileServerStandIn;
import clearml.sandbox.seed.FreshServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A freshly started target behind the sandbox's ClearML API stand-in (not ClearML's apiserver, which cannot run
 * here), clients of it that retry in milliseconds, and the genuine archives to import into it.
 */
record StandInTarget(Sandbox sandbox, ApiStandIn api) {

    static final Path FIXTURES = Path.of(System.getProperty("clearml.fixtures", "../../shared/fixtures"));
    private static final ApiClientOptions QUICK = ApiClientOptions.defaults().withBackoff(Duration.ofMillis(5),
            Duration.ofMillis(20));

    /** Initializes the (reset) sandbox as a server that just started, with ClearML's default company. */
    static StandInTarget fresh(Sandbox sandbox, ApiStandIn api) {
        FreshServer.initialize(sandbox.mongoUri(), FreshServer.DEFAULT_COMPANY, "clearml");
        return new StandInTarget(sandbox, api);
    }

    /** The variables a user of the hosted service sets: the admin's keys and the stand-in file server's URL. */
    static Environment environment(ApiStandIn api, FileServerStandIn files) {
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

    /** A genuine ClearML archive ({@code /work/shared/fixtures}) copied into {@code dir}, with its companion. */
    static Path fixture(String name, Path dir) {
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
