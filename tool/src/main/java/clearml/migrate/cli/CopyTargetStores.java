package clearml.migrate.cli;

import clearml.migrate.api.ApiClient;
import clearml.migrate.copying.ApiCopyTarget;
import clearml.migrate.copying.CopyTarget;
import clearml.migrate.copying.DirectCopyTarget;
import clearml.migrate.copying.FileServers;
import clearml.migrate.failures.UsageException;
import clearml.migrate.files.FileStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * The target of a {@code copy} or {@code sync}, opened from the {@code --to-} flags: its stores
 * ({@code --to-mongo-host}, ...) or its REST API ({@code --to-api-host}, ...), with its file server when files
 * move; it hands the copy the matching adapter of the target port. Closing closes what it opened.
 */
final class CopyTargetStores implements AutoCloseable {

    private final @Nullable TargetStores stores;
    private final @Nullable ApiClient api;
    private final @Nullable FileStore apiFiles;

    private CopyTargetStores(@Nullable TargetStores stores, @Nullable ApiClient api, @Nullable FileStore apiFiles) {
        this.stores = stores;
        this.api = api;
        this.apiFiles = apiFiles;
    }

    /**
     * @param artifactsTo {@code --artifacts-to}; through the API, when files move, it defaults to the server's own
     *     file server, as {@code import --api-host} places a companion there
     * @param filesMove whether {@code --artifacts-from} was given
     */
    static CopyTargetStores open(ConnectionOptions to, ApiOptions toApi, @Nullable String artifactsTo,
            boolean filesMove, @Nullable String token) {
        if (!toApi.given()) {
            return new CopyTargetStores(TargetStores.open(to, artifactsTo, token), null, null);
        }
        ApiClient client = new ApiClient(toApi.settings());
        try {
            return new CopyTargetStores(null, client, filesMove ? ApiTargetFiles.open(where(artifactsTo, client),
                    client, token) : null);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static String where(@Nullable String artifactsTo, ApiClient client) {
        URI filesHost = client.settings().filesHost();
        if (artifactsTo != null) {
            return artifactsTo;
        }
        if (filesHost == null) {
            throw new UsageException("--artifacts-from needs the target's file server: give --artifacts-to, or set"
                    + " CLEARML_FILES_HOST (or files_server in the --to-clearml-config)");
        }
        return filesHost.toString();
    }

    /** The target's file server, when files move. */
    @Nullable FileStore files() {
        return stores != null ? stores.files() : apiFiles;
    }

    /** Whether the target is reached through its REST API. */
    boolean throughApi() {
        return api != null;
    }

    /** The API server's address, when reached through it. */
    String apiHost() {
        return api == null ? "" : api.host().toString();
    }

    /**
     * The target port's adapter for these stores.
     *
     * @param idMap through the API, the copy's id map
     * @param stateFile through the API, where a sync keeps its state
     */
    CopyTarget adapter(@Nullable FileServers files, Path idMap, Path stateFile, Clock clock) {
        if (api != null) {
            return new ApiCopyTarget(api, files, idMap, stateFile, clock);
        }
        TargetStores direct = Injected.required(stores, "target stores");
        return new DirectCopyTarget(direct.mongo(), direct.events(), files, clock);
    }

    @Override
    public void close() {
        try (ApiClient closedLast = api) {
            if (stores != null) {
                stores.close();
            }
            if (apiFiles != null) {
                apiFiles.close();
            }
        }
    }
}
