package clearml.migrate.files;

import clearml.migrate.failures.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the file server's Bearer token comes from (data model §6.3: checked by file server 1.16+): a token file
 * given by the command line wins over the {@value #ENV} environment variable. The token itself is never put
 * into a message.
 */
public final class FileServerToken {

    /** The environment variable holding the token. */
    public static final String ENV = "CLEARML_MIGRATE_FILESERVER_TOKEN";

    private FileServerToken() {
    }

    /** The token from {@code tokenFile} (first line, trimmed) or else from {@code env}; null when neither has one. */
    public static @Nullable String resolve(Map<String, String> env, @Nullable Path tokenFile) {
        if (tokenFile != null) {
            return nonBlank(readFirstLine(tokenFile));
        }
        return nonBlank(env.get(ENV));
    }

    private static String readFirstLine(Path tokenFile) {
        try {
            return Files.readString(tokenFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new UsageException("File server token file " + tokenFile + " cannot be read ("
                    + e.getClass().getSimpleName() + "); check the path and its permissions", e);
        }
    }

    private static @Nullable String nonBlank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
