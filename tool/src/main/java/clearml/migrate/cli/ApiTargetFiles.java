package clearml.migrate.cli;

import clearml.migrate.api.ApiClient;
import clearml.migrate.archive.ArchiveNaming;
import clearml.migrate.files.FileStore;
import clearml.migrate.files.FileStores;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The file server an import through the API places the {@code .artifacts} companion on: {@code --artifacts-to},
 * else, when the archive has a companion, the server's own file server ({@code CLEARML_FILES_HOST} or the
 * config's {@code files_server}, issue #15), reached with the API's Bearer token unless a file-server token is
 * given.
 */
final class ApiTargetFiles {

    private ApiTargetFiles() {
    }

    static @Nullable FileStore open(@Nullable String artifactsTo, Path archive, ApiClient client,
            @Nullable String fileServerToken) {
        URI filesHost = client.settings().filesHost();
        String where = artifactsTo != null ? artifactsTo
                : filesHost != null && Files.isRegularFile(ArchiveNaming.artifacts(archive)) ? filesHost.toString()
                : null;
        return where == null ? null : open(where, client, fileServerToken);
    }

    /** The file server at {@code where} (a directory or URL), over HTTP with the API's token unless one is given. */
    static FileStore open(String where, ApiClient client, @Nullable String fileServerToken) {
        boolean http = where.startsWith("http://") || where.startsWith("https://");
        String token = fileServerToken != null ? fileServerToken : http ? client.bearerToken() : null;
        return FileStores.open(where, token, client.settings().retryFor());
    }
}
