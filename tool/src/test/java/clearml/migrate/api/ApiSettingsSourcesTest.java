package clearml.migrate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.failures.UsageException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order in which the API host, the file server and the keys are looked for (issue #15). */
class ApiSettingsSourcesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(7);

    @TempDir
    Path dir;

    private final Map<String, String> variables = new HashMap<>();

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private ApiSettings settings(@Nullable String hostFlag, @Nullable Path credentials, @Nullable Path config) {
        variables.putIfAbsent("HOME", dir.toString()); // never the real ~/clearml.conf
        return new ApiSettingsSources(hostFlag, credentials, config, variables).settings(PATIENCE);
    }

    private void setClearmlVariables() {
        variables.putAll(Map.of("CLEARML_API_HOST", "http://env:8008", "CLEARML_API_ACCESS_KEY", "AK-ENV",
                "CLEARML_API_SECRET_KEY", "SK-ENV", "CLEARML_FILES_HOST", "http://env-files:8081"));
    }

    private Path homeConfig() throws IOException {
        return file("clearml.conf", """
                api { api_server: http://conf:8008, files_server: http://conf-files:8081
                      credentials { access_key: AK-CONF, secret_key: SK-CONF } }
                """);
    }

    @Test
    void theCredentialsFileComesFirst() throws IOException {
        setClearmlVariables();
        homeConfig();
        Path credentials = file("creds.conf", "api { api_server: \"http://file:8008\", "
                + "credentials { access_key: AK-FILE, secret_key: SK-FILE } }");

        ApiSettings settings = settings(null, credentials, null);

        assertThat(settings.apiHost()).isEqualTo(URI.create("http://file:8008"));
        assertThat(settings.credentials().accessKey()).isEqualTo("AK-FILE");
        assertThat(settings.credentials().secretKey()).isEqualTo("SK-FILE");
        assertThat(settings.credentials().source()).isEqualTo("--api-credentials-file " + credentials);
        assertThat(settings.filesHost()).isEqualTo(URI.create("http://env-files:8081"));
        assertThat(settings.retryFor()).isEqualTo(PATIENCE);
    }

    @Test
    void theVariablesComeBeforeTheConfig() throws IOException {
        setClearmlVariables();
        homeConfig();

        ApiSettings settings = settings(null, null, null);

        assertThat(settings.apiHost()).isEqualTo(URI.create("http://env:8008"));
        assertThat(settings.filesHost()).isEqualTo(URI.create("http://env-files:8081"));
        assertThat(settings.credentials().accessKey()).isEqualTo("AK-ENV");
        assertThat(settings.credentials().source()).isEqualTo("CLEARML_API_ACCESS_KEY/CLEARML_API_SECRET_KEY");
    }

    @Test
    void theHomeConfigFillsWhatNothingElseGives() throws IOException {
        Path config = homeConfig();

        ApiSettings settings = settings(null, null, null);

        assertThat(settings.apiHost()).isEqualTo(URI.create("http://conf:8008"));
        assertThat(settings.filesHost()).isEqualTo(URI.create("http://conf-files:8081"));
        assertThat(settings.credentials().accessKey()).isEqualTo("AK-CONF");
        assertThat(settings.credentials().source()).isEqualTo(config.toString());
    }

    @Test
    void theApiHostFlagWinsOverEverySource() throws IOException {
        setClearmlVariables();
        Path credentials = file("creds.conf", "api_server: \"http://file:8008\"\naccess_key: A\nsecret_key: S");

        ApiSettings settings = settings("https://api.example.com/", credentials, homeConfig());

        assertThat(settings.apiHost()).isEqualTo(URI.create("https://api.example.com"));
    }

    @Test
    void clearmlConfigFileNamesTheDefaultConfig() throws IOException {
        Path elsewhere = file("other.conf", "api.credentials { access_key: AK-OTHER, secret_key: S }");
        variables.put("CLEARML_CONFIG_FILE", elsewhere.toString());
        homeConfig();

        ApiSettings settings = settings("http://h:8008", null, null);

        assertThat(settings.credentials().accessKey()).isEqualTo("AK-OTHER");
    }

    @Test
    void anExplicitConfigMustExist() {
        assertThatThrownBy(() -> settings("http://h:8008", null, dir.resolve("missing.conf")))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("cannot read --clearml-config");
    }

    @Test
    void aKeyWithoutItsSecretIsRefusedNotCompletedFromElsewhere() throws IOException {
        homeConfig();
        variables.put("CLEARML_API_ACCESS_KEY", "AK-ENV");

        assertThatThrownBy(() -> settings("http://h:8008", null, null))
                .isInstanceOf(UsageException.class)
                .hasMessage("CLEARML_API_ACCESS_KEY/CLEARML_API_SECRET_KEY holds an access key but no secret key; "
                        + "give both, as the web UI shows them");
    }

    @Test
    void saysWhereToPutMissingCredentials() {
        assertThatThrownBy(() -> settings("http://h:8008", null, null))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("no ClearML API credentials: give --api-credentials-file FILE, set "
                        + "CLEARML_API_ACCESS_KEY/CLEARML_API_SECRET_KEY, or put api.credentials in "
                        + dir.resolve("clearml.conf"));
    }

    @Test
    void saysWhereToPutAMissingHost() {
        variables.putAll(Map.of("CLEARML_API_ACCESS_KEY", "A", "CLEARML_API_SECRET_KEY", "S"));

        assertThatThrownBy(() -> settings(null, null, null))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("no ClearML API host: give --api-host URL, set CLEARML_API_HOST");
    }

    @Test
    void namesTheSourceOfAHostThatIsNoUrl() {
        variables.putAll(Map.of("CLEARML_API_HOST", "localhost:8008", "CLEARML_API_ACCESS_KEY", "A",
                "CLEARML_API_SECRET_KEY", "S"));

        assertThatThrownBy(() -> settings(null, null, null))
                .isInstanceOf(UsageException.class)
                .hasMessage("CLEARML_API_HOST 'localhost:8008' is not an http(s):// address; write it like "
                        + "https://api.clear.ml or http://localhost:8008");
    }

    @Test
    void refusesAHostWithAPasswordWithoutRepeatingIt() {
        variables.putAll(Map.of("CLEARML_API_ACCESS_KEY", "A", "CLEARML_API_SECRET_KEY", "S"));

        assertThatThrownBy(() -> settings("https://admin:hunter2@api.example.com", null, null))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--api-host carries a user name or password before '@'")
                .message().doesNotContain("hunter2");
    }

    @Test
    void theSecretStaysOutOfToString() throws IOException {
        setClearmlVariables();

        assertThat(settings(null, null, null).toString()).contains("AK-ENV").doesNotContain("SK-ENV");
    }
}
