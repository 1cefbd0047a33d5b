package clearml.migrate.proof;

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

    static Path archive(String name) {
        Path dir = Path.of(System.getProperty("clearml.fixtures", "../../shared/fixtures")).resolve(name);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".zip")).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
