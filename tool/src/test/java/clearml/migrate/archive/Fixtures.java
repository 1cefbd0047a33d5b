package clearml.migrate.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The genuine ClearML archives in /work/shared/fixtures (system property {@code clearml.fixtures}). */
final class Fixtures {

    static final String SMALL = "clearml-server-2.0.0";
    static final String RICH = "clearml-server-2.0.0-rich";

    private Fixtures() {
    }

    static Path dir() {
        Path dir = Path.of(System.getProperty("clearml.fixtures", "../../shared/fixtures"));
        assertThat(dir).as("fixtures directory (system property clearml.fixtures)").isDirectory();
        return dir;
    }

    static Path archive(String name) {
        return file(name, ".zip");
    }

    static Path artifacts(String name) {
        return file(name, ".artifacts");
    }

    private static Path file(String name, String suffix) {
        try (Stream<Path> files = Files.list(dir().resolve(name))) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
