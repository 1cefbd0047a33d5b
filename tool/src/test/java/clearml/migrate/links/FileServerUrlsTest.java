package clearml.migrate.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.failures.UsageException;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileServerUrlsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # url                                                             | file-server link | relative path
            https://files.acme.io/Vision/x.png                                  | true  | Vision/x.png
            HTTPS://FILES.acme.io/Vision/x.png                                  | true  | Vision/x.png
            http://files.acme.io/Vision/x.png                                   | false | ''
            http://localhost:8081/RT%20Root/input_model.pt                      | true  | RT Root/input_model.pt
            http://localhost:8081/Vision%20Team/D%C3%A9tection%202D/m.pkl       | true  | Vision Team/Détection 2D/m.pkl
            http://localhost:8081/Vision Team/Détection 2D/final model.pt       | true  | Vision Team/Détection 2D/final model.pt
            http://localhost:8081/reports/7dbc/chart ✓.png                      | true  | reports/7dbc/chart ✓.png
            http://10.0.0.5:18081/a/b.csv                                       | true  | a/b.csv
            http://fileserver:8081/a/b.csv?download#x                           | true  | a/b.csv
            http://fileserver:8081/a%2Bb+c%zz%2/100%                            | true  | a+b+c%zz%2/100%
            http://fileserver:8081//a/b                                         | true  | a/b
            http://fileserver:8081/a/../../etc/passwd                           | true  | ''
            http://fileserver:8081/a/%2e%2e/%2E%2E/etc/passwd                   | true  | ''
            http://fileserver:8081/a/..b/c                                      | true  | a/..b/c
            https://web.acme.io/files/a.png                                     | false | ''
            http://web:8080/files/a.png                                         | false | ''
            s3://my-bucket/models/output_model.pt                               | false | ''
            ftp://host:8081/a                                                   | false | ''
            https://github.com/x/y.git                                          | false | ''
            """)
    void decidesByClearmlHeuristicWithoutConfiguredPrefixes(String url, boolean link, String path) {
        FileServerUrls urls = FileServerUrls.heuristic();

        assertThat(urls.isFileServerUrl(url)).isEqualTo(link);
        assertThat(urls.relativePath(url).orElse("")).isEqualTo(path);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # url                                       | --fileserver-url prefixes                  | link  | relative path
            https://web.acme.io/files/reports/r1/a.png  | https://web.acme.io/files/                 | true  | reports/r1/a.png
            https://web.acme.io/files/reports/r1/a.png  | https://web.acme.io/files                  | true  | reports/r1/a.png
            https://web.acme.io/filesystem/a.png        | https://web.acme.io/files                  | false | ''
            http://files.acme.io/V%20T/a.png            | http://files.acme.io                       | true  | V T/a.png
            http://files.acme.io:8081/a.png             | http://files.acme.io                       | false | ''
            http://localhost:8081/a.png                 | http://files.acme.io                       | false | ''
            http://localhost:8081/a.png                 | http://files.acme.io ; http://localhost:8081 | true | a.png
            http://h/fs/deep/a.png                      | http://h ; http://h/fs/deep                | true  | a.png
            http://h/fs/deep/../../x                    | http://h/fs/deep                           | true  | ''
            """)
    void decidesByLiteralPrefixesWhenGiven(String url, String prefixes, boolean link, String path) {
        List<String> given = Arrays.asList(prefixes.split("\\s*;\\s*"));
        FileServerUrls urls = FileServerUrls.of(given);

        assertThat(urls.isFileServerUrl(url)).isEqualTo(link);
        assertThat(urls.relativePath(url).orElse("")).isEqualTo(path);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            fileserver:8081
            ''
            """)
    void refusesAConfiguredPrefixThatIsNotAUrl(String prefix) {
        assertThatThrownBy(() -> FileServerUrls.of(List.of(prefix)))
                .isInstanceOf(UsageException.class).hasMessageContaining("--fileserver-url");
    }
}
