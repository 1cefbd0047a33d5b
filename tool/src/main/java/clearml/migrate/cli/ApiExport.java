package clearml.migrate.cli;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiSettings;
import clearml.migrate.apisource.ApiSource;
import clearml.migrate.exporting.ExportReport;
import clearml.migrate.exporting.ExportSettings;
import clearml.migrate.exporting.Exporter;
import clearml.migrate.failures.UsageException;
import clearml.migrate.files.FileServerToken;
import clearml.migrate.files.FileStore;
import clearml.migrate.files.FileStores;
import clearml.migrate.progress.Progress;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * {@code export} through a server's REST API ({@code --api-host} and the other API flags): the export use case over
 * the {@link ApiSource} adapter. Files come from {@code --artifacts-from} if given, else from the server's file
 * server ({@code CLEARML_FILES_HOST} or the configuration's {@code files_server}); an HTTP file server is sent the
 * API's own Bearer token unless a file-server token is given ({@code CLEARML_MIGRATE_FILESERVER_TOKEN}).
 */
final class ApiExport {

    private final Environment environment;
    private final @Nullable String artifactsFrom;
    private final Progress progress;

    ApiExport(Environment environment, @Nullable String artifactsFrom, Progress progress) {
        this.environment = environment;
        this.artifactsFrom = artifactsFrom;
        this.progress = progress;
    }

    ExportReport run(ApiSettings api, ExportSettings settings) {
        if (settings.since() != null) {
            // A delta needs each task's event count and newest timestamp, which no API call gives for many tasks
            throw new UsageException("--since works on a server's stores only (--mongo-host/--elastic-host): the REST"
                    + " API cannot count events by time; export in full through the API");
        }
        try (ApiClient client = new ApiClient(api);
             FileStore files = files(api, client)) {
            return new Exporter(new ApiSource(client), files, VersionProvider.projectVersion()).run(settings, progress);
        }
    }

    private @Nullable FileStore files(ApiSettings api, ApiClient client) {
        URI filesHost = api.filesHost();
        String from = artifactsFrom != null ? artifactsFrom : filesHost == null ? null : filesHost.toString();
        if (from == null) {
            return null;
        }
        String token = FileServerToken.resolve(environment.variables(), null);
        boolean http = from.startsWith("http://") || from.startsWith("https://");
        return FileStores.open(from, token == null && http ? client.bearerToken() : token, api.retryFor());
    }
}
