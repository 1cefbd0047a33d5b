package clearml.migrate.api;

import clearml.migrate.failures.UsageException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds a ClearML server's API and the keys to use (issue #15), each in this order: {@code --api-credentials-file},
 * the variables ClearML users already have ({@code CLEARML_API_HOST}, {@code CLEARML_API_ACCESS_KEY},
 * {@code CLEARML_API_SECRET_KEY}, {@code CLEARML_FILES_HOST}), then a {@code clearml.conf}. {@code --api-host} wins
 * over all of them for the host. The access key and secret key come as a pair from the first source that has
 * either: a key from one place and a secret from another is a mistake, not a combination.
 */
public final class ApiSettingsSources {

    public static final String HOST_VARIABLE = "CLEARML_API_HOST";
    public static final String ACCESS_KEY_VARIABLE = "CLEARML_API_ACCESS_KEY";
    public static final String SECRET_KEY_VARIABLE = "CLEARML_API_SECRET_KEY";
    public static final String FILES_HOST_VARIABLE = "CLEARML_FILES_HOST";
    /** ClearML's own variable naming the configuration file. */
    public static final String CONFIG_FILE_VARIABLE = "CLEARML_CONFIG_FILE";

    private static final String VARIABLES = ACCESS_KEY_VARIABLE + "/" + SECRET_KEY_VARIABLE;

    private final @Nullable String hostFlag;
    private final @Nullable ClearmlConf credentialsFile;
    private final Map<String, String> variables;
    private final @Nullable ClearmlConf clearmlConf;

    /**
     * Reads the files at once, so that a missing or broken file is reported before anything connects.
     *
     * @param hostFlag {@code --api-host}, or null
     * @param credentialsFile {@code --api-credentials-file}, or null
     * @param clearmlConfig {@code --clearml-config}, or null for {@code CLEARML_CONFIG_FILE} or else
     *     {@code ~/clearml.conf}, which may be absent
     * @param variables the environment variables
     */
    public ApiSettingsSources(@Nullable String hostFlag, @Nullable Path credentialsFile, @Nullable Path clearmlConfig,
            Map<String, String> variables) {
        this.hostFlag = blankToNull(hostFlag);
        this.variables = variables;
        this.credentialsFile = credentialsFile == null ? null
                : ClearmlConf.read(credentialsFile, variables, "--api-credentials-file");
        this.clearmlConf = clearmlConf(clearmlConfig, variables);
    }

    /**
     * The settings, with the given patience.
     *
     * @throws UsageException when no source names the host or the keys, a source has only half of the pair, or
     *     a host is not an http(s) URL
     */
    public ApiSettings settings(Duration retryFor) {
        return new ApiSettings(apiHost(), filesHost(), credentials(), retryFor);
    }

    private URI apiHost() {
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(new Candidate(hostFlag, "--api-host"));
        candidates.add(fromFile(credentialsFile, ClearmlConf::apiServer, "api_server"));
        candidates.add(new Candidate(variable(HOST_VARIABLE), HOST_VARIABLE));
        candidates.add(fromFile(clearmlConf, ClearmlConf::apiServer, "api_server"));
        Candidate host = candidates.stream().filter(c -> c.value() != null).findFirst()
                .orElseThrow(() -> new UsageException("no ClearML API host: give --api-host URL, set "
                        + HOST_VARIABLE + ", or put api.api_server in " + configName()));
        return httpUrl(host);
    }

    private @Nullable URI filesHost() {
        List<Candidate> candidates = List.of(fromFile(credentialsFile, ClearmlConf::filesServer, "files_server"),
                new Candidate(variable(FILES_HOST_VARIABLE), FILES_HOST_VARIABLE),
                fromFile(clearmlConf, ClearmlConf::filesServer, "files_server"));
        return candidates.stream().filter(c -> c.value() != null).findFirst().map(ApiSettingsSources::httpUrl)
                .orElse(null);
    }

    private ApiCredentials credentials() {
        return pairFromFile(credentialsFile, "--api-credentials-file " + nameOf(credentialsFile))
                .or(this::pairFromVariables)
                .or(() -> pairFromFile(clearmlConf, nameOf(clearmlConf)))
                .orElseThrow(() -> new UsageException("no ClearML API credentials: give --api-credentials-file FILE, "
                        + "set " + VARIABLES + ", or put api.credentials in " + configName()
                        + " (the web UI's Settings > Workspace > Create new credentials gives them)"));
    }

    private Optional<ApiCredentials> pairFromVariables() {
        return pair(variable(ACCESS_KEY_VARIABLE), variable(SECRET_KEY_VARIABLE), VARIABLES);
    }

    private static Optional<ApiCredentials> pairFromFile(@Nullable ClearmlConf conf, String source) {
        return conf == null ? Optional.empty() : pair(conf.accessKey(), conf.secretKey(), source);
    }

    private static Optional<ApiCredentials> pair(@Nullable String key, @Nullable String secret, String source) {
        if (key == null && secret == null) {
            return Optional.empty();
        }
        if (key == null || secret == null) {
            throw new UsageException(source + " holds " + (key == null ? "a secret key but no access key"
                    : "an access key but no secret key") + "; give both, as the web UI shows them");
        }
        return Optional.of(new ApiCredentials(key, secret, source));
    }

    private static Candidate fromFile(@Nullable ClearmlConf conf, java.util.function.Function<ClearmlConf,
            @Nullable String> field, String key) {
        return conf == null ? new Candidate(null, "") : new Candidate(field.apply(conf), key + " in " + conf.file());
    }

    private static URI httpUrl(Candidate candidate) {
        String text = candidate.value() == null ? "" : candidate.value().strip();
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (uri.getRawUserInfo() != null) {
                // ClearML authenticates with keys, never with a URL's user:password; refusing it keeps a password
                // out of every report, journal and id map that names the server.
                throw new UsageException(candidate.source() + " carries a user name or password before '@'; give "
                        + "the address without it and the keys with --api-credentials-file or "
                        + ACCESS_KEY_VARIABLE + "/" + SECRET_KEY_VARIABLE);
            }
            if (uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below, as any other address that is not http(s)
        }
        throw new UsageException(candidate.source() + " '" + text + "' is not an http(s):// address; write it like "
                + "https://api.clear.ml or http://localhost:8008");
    }

    private @Nullable String variable(String name) {
        return blankToNull(variables.get(name));
    }

    private String configName() {
        return clearmlConf == null ? defaultConfig(variables).toString() : clearmlConf.file().toString();
    }

    private static String nameOf(@Nullable ClearmlConf conf) {
        return conf == null ? "" : conf.file().toString();
    }

    /** The given file, which must exist; else ClearML's variable or {@code ~/clearml.conf}, if it exists. */
    private static @Nullable ClearmlConf clearmlConf(@Nullable Path given, Map<String, String> variables) {
        if (given != null) {
            return ClearmlConf.read(given, variables, "--clearml-config");
        }
        Path path = defaultConfig(variables);
        return Files.isRegularFile(path) ? ClearmlConf.read(path, variables, "--clearml-config") : null;
    }

    /** {@code CLEARML_CONFIG_FILE}, else {@code clearml.conf} in the home directory, as ClearML's SDK looks. */
    static Path defaultConfig(Map<String, String> variables) {
        String named = blankToNull(variables.get(CONFIG_FILE_VARIABLE));
        if (named != null) {
            return Path.of(named);
        }
        String home = blankToNull(variables.get("HOME"));
        return Path.of(home == null ? System.getProperty("user.home") : home, "clearml.conf");
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** One source's value for a setting, and how messages name that source. */
    private record Candidate(@Nullable String value, String source) {
    }
}
