package clearml.migrate.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.failures.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileServerTokenTest {

    @TempDir
    Path dir;

    @Test
    void takesTheTokenFromTheEnvironment() {
        assertThat(FileServerToken.resolve(Map.of("CLEARML_MIGRATE_FILESERVER_TOKEN", " tok-env \n"), null))
                .isEqualTo("tok-env");
    }

    @Test
    void prefersTheFirstLineOfATokenFile() throws IOException {
        Path file = Files.writeString(dir.resolve("token"), "tok-file\nsecond line\n");

        assertThat(FileServerToken.resolve(Map.of("CLEARML_MIGRATE_FILESERVER_TOKEN", "tok-env"), file))
                .isEqualTo("tok-file");
    }

    @Test
    void hasNoTokenWhenNothingOrOnlyBlanksAreGiven() {
        assertThat(FileServerToken.resolve(Map.of(), null)).isNull();
        assertThat(FileServerToken.resolve(Map.of("CLEARML_MIGRATE_FILESERVER_TOKEN", "  "), null)).isNull();
    }

    @Test
    void namesAnUnreadableTokenFile() {
        assertThatThrownBy(() -> FileServerToken.resolve(Map.of(), dir.resolve("missing")))
                .isInstanceOf(UsageException.class).hasMessageContaining(dir.resolve("missing").toString());
    }
}
