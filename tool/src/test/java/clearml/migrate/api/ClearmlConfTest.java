package clearml.migrate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.failures.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading the api block of a clearml.conf and of a credentials file. */
class ClearmlConfTest {

    /** As clearml-init writes it: unquoted URLs, comments, a one-line credentials object, an sdk section. */
    static final String CLEARML_INIT = """
            # ClearML SDK configuration file
            api {
                # Notice: 'host' is the api server (default port 8008), not the web server.
                api_server: http://localhost:8008
                web_server: http://localhost:8080/
                files_server: http://localhost:8081
                # Credentials are generated using the webapp, http://localhost:8080//settings
                credentials {"access_key": "AK1", "secret_key": "s3cr//et#1"}
            }
            sdk {
                storage { cache { default_base_dir: "~/.clearml/cache" } }
                development { worker { log_stdout: true } }
            }
            """;

    @TempDir
    Path dir;

    private ClearmlConf read(String text, Map<String, String> variables) throws IOException {
        return ClearmlConf.read(Files.writeString(dir.resolve("clearml.conf"), text), variables, "--clearml-config");
    }

    @Test
    void readsTheApiBlockClearmlInitWrites() throws IOException {
        ClearmlConf conf = read(CLEARML_INIT, Map.of());

        assertThat(conf.apiServer()).isEqualTo("http://localhost:8008");
        assertThat(conf.filesServer()).isEqualTo("http://localhost:8081");
        assertThat(conf.accessKey()).isEqualTo("AK1");
        assertThat(conf.secretKey()).isEqualTo("s3cr//et#1");
    }

    @Test
    void readsTheSnippetOfTheWebUi() throws IOException {
        ClearmlConf conf = read("""
                api {
                  web_server: https://app.clear.ml/
                  api_server: https://api.clear.ml
                  files_server: https://files.clear.ml
                  credentials {
                    "access_key" = "ABCDEFGHIJ"
                    "secret_key" = "xYz123=="
                  }
                }
                """, Map.of());

        assertThat(conf.apiServer()).isEqualTo("https://api.clear.ml");
        assertThat(conf.filesServer()).isEqualTo("https://files.clear.ml");
        assertThat(conf.accessKey()).isEqualTo("ABCDEFGHIJ");
        assertThat(conf.secretKey()).isEqualTo("xYz123==");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"access_key\": \"AK\", \"secret_key\": \"SK\"}",
        "credentials { access_key: AK, secret_key: SK }",
        "api.credentials.access_key = AK\napi.credentials.secret_key = SK"})
    void takesTheKeysAtTheTopLevelToo(String text) throws IOException {
        ClearmlConf conf = read(text, Map.of());

        assertThat(conf.accessKey()).isEqualTo("AK");
        assertThat(conf.secretKey()).isEqualTo("SK");
        assertThat(conf.apiServer()).isNull();
    }

    @Test
    void fillsSubstitutionsFromTheGivenVariablesOnly() throws IOException {
        ClearmlConf conf = read("api { api_server: ${?MY_HOST}, credentials { access_key: ${?MY_KEY} } }",
                Map.of("MY_HOST", "http://api.example:8008"));

        assertThat(conf.apiServer()).isEqualTo("http://api.example:8008");
        assertThat(conf.accessKey()).isNull();
    }

    @Test
    void quotesOnlyBareUrlsAfterAKey() {
        assertThat(ClearmlConf.quoteBareUrls("a: http://x:1/p\nb = \"http://y\"\nc { d: s3://bucket/k, e: 1 }"))
                .isEqualTo("a: \"http://x:1/p\"\nb = \"http://y\"\nc { d: \"s3://bucket/k\", e: 1 }");
    }

    @Test
    void namesTheLineOfABrokenFileWithoutQuotingIt() throws IOException {
        assertThatThrownBy(() -> read("api {\n  credentials {\n    secret_key: \"hunter2\n  }\n", Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--clearml-config " + dir.resolve("clearml.conf") + " is not a ClearML "
                        + "configuration the tool can read at line")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void namesAMissingFile() {
        assertThatThrownBy(() -> ClearmlConf.read(dir.resolve("none.conf"), Map.of(), "--api-credentials-file"))
                .isInstanceOf(UsageException.class)
                .hasMessage("cannot read --api-credentials-file " + dir.resolve("none.conf")
                        + " (NoSuchFileException); check the path and its permissions");
    }

    @Test
    void showsNoSecretInToString() throws IOException {
        assertThat(read(CLEARML_INIT, Map.of()).toString()).contains("AK1").doesNotContain("s3cr");
    }
}
