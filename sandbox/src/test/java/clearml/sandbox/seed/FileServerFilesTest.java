package clearml.sandbox.seed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileServerFilesTest {

    /** Python's {@code quote(path, safe="'[]{}()$^,.;-_+=/ ")}, the SDK's quoting of storage paths (§6.2). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Computer Vision 0/train 1.abc/artifacts/a b/a b.csv.gz | Computer Vision 0/train 1.abc/artifacts/a b/a b.csv.gz",
        "Détection d'objets 1/x.png                            | D%C3%A9tection d'objets 1/x.png",
        "runs #2 (nightly)/loss_train_00000001.png              | runs %232 (nightly)/loss_train_00000001.png",
        "a%b&c?d:e/[x]{y}$^,;=+~.png                            | a%25b%26c%3Fd%3Ae/[x]{y}$^,;=+~.png",
    })
    void quotesPathsLikeTheSdkAndUnquotesBackToThem(String path, String quoted) {
        assertThat(FileServerFiles.quote(path)).isEqualTo(quoted);
        assertThat(FileServerPaths.relativePath("http://localhost:8081/" + quoted)).isEqualTo(path);
    }
}
