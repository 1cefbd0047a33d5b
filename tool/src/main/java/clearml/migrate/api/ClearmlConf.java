package clearml.migrate.api;

import clearml.migrate.failures.UsageException;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code api} block of a HOCON file: a ClearML user's {@code clearml.conf}, or a credentials file holding the
 * snippet the web UI's "Create new credentials" shows ({@code api { api_server: …, files_server: …, credentials
 * {"access_key" = …, "secret_key" = …} }}). The block may also stand at the top level, without {@code api { }},
 * and plain JSON is HOCON too. {@code ${?VAR}} substitutions are filled from the given variables.
 *
 * @param apiServer {@code api.api_server}, or null
 * @param filesServer {@code api.files_server}, or null
 * @param accessKey {@code api.credentials.access_key}, or null
 * @param secretKey {@code api.credentials.secret_key}, or null
 * @param file the file read, as messages name it
 */
record ClearmlConf(@Nullable String apiServer, @Nullable String filesServer, @Nullable String accessKey,
        @Nullable String secretKey, Path file) {

    /**
     * An unquoted URL after a key: ClearML's own files write {@code api_server: http://localhost:8008}, which its
     * Python HOCON reader takes, while Typesafe Config reads {@code //} as the start of a comment.
     */
    private static final Pattern BARE_URL = Pattern.compile(
            "(?m)((?:^|[{,])[ \\t]*\"?[\\w.-]+\"?[ \\t]*[:=][ \\t]*)([A-Za-z][A-Za-z0-9+.-]*://[^\\s,}\\]\"#]*)");

    /**
     * Reads {@code file}.
     *
     * @param flag the flag that names such a file, for the message when it cannot be read
     * @throws UsageException when the file cannot be read or is not HOCON
     */
    static ClearmlConf read(Path file, Map<String, String> variables, String flag) {
        Config config = parse(file, variables, flag);
        return new ClearmlConf(
                first(config, file, flag, "api.api_server", "api_server"),
                first(config, file, flag, "api.files_server", "files_server"),
                first(config, file, flag, "api.credentials.access_key", "credentials.access_key", "access_key"),
                first(config, file, flag, "api.credentials.secret_key", "credentials.secret_key", "secret_key"),
                file);
    }

    @Override
    public String toString() {
        return "ClearmlConf[apiServer=" + apiServer + ", filesServer=" + filesServer + ", accessKey=" + accessKey
                + ", secretKey=" + (secretKey == null ? "none" : "***") + ", file=" + file + "]";
    }

    private static Config parse(Path file, Map<String, String> variables, String flag) {
        String text = readText(file, flag);
        try {
            Config variablesConfig = ConfigValueFactory.fromMap(variables).toConfig();
            return ConfigFactory.parseString(quoteBareUrls(text),
                            ConfigParseOptions.defaults().setOriginDescription(file.toString()))
                    .resolveWith(variablesConfig, ConfigResolveOptions.noSystem().setAllowUnresolved(true));
        } catch (ConfigException e) {
            throw notHocon(file, flag, e);
        }
    }

    static String quoteBareUrls(String text) {
        return BARE_URL.matcher(text).replaceAll("$1\"$2\"");
    }

    private static String readText(Path file, String flag) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot read " + flag + " " + file + " (" + e.getClass().getSimpleName()
                    + "); check the path and its permissions", e);
        }
    }

    /** The first of {@code paths} that holds a non-blank value. */
    private static @Nullable String first(Config config, Path file, String flag, String... paths) {
        for (String path : paths) {
            try {
                if (config.hasPath(path)) {
                    String value = config.getString(path).strip();
                    if (!value.isEmpty()) {
                        return value;
                    }
                }
            } catch (ConfigException e) {
                throw notHocon(file, flag, e);
            }
        }
        return null;
    }

    /** The message names the place in the file but never quotes it: the line may hold a secret. */
    private static UsageException notHocon(Path file, String flag, ConfigException e) {
        String line = e.origin() == null || e.origin().lineNumber() < 0 ? "" : " at line " + e.origin().lineNumber();
        return new UsageException(flag + " " + file + " is not a ClearML configuration the tool can read" + line
                + " (" + e.getClass().getSimpleName() + "); fix it, or give the credentials another way "
                + "(--api-credentials-file, CLEARML_API_ACCESS_KEY/CLEARML_API_SECRET_KEY)");
    }
}
