package clearml.migrate.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

/** What {@code count_archive.py} (Python's zipfile, ClearML's line reader) finds in an archive: the expected values. */
final class PythonCount {

    private PythonCount() {
    }

    static JsonNode of(Path archive, Path workDir) {
        try {
            Path script = workDir.resolve("count_archive.py");
            try (InputStream in = PythonCount.class.getResourceAsStream("count_archive.py")) {
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            Process python = new ProcessBuilder("python3", script.toString(), archive.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] out = python.getInputStream().readAllBytes();
            if (!python.waitFor(60, TimeUnit.SECONDS) || python.exitValue() != 0) {
                throw new IllegalStateException("count_archive.py failed on " + archive);
            }
            return new ObjectMapper().readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
