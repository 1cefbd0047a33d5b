package clearml.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Es7NodeTest {

    @Test
    void missingClasspathPropertySaysToBuildSandboxEs7First() {
        assertThatThrownBy(() -> Es7Node.launchClasspath(null))
                .hasMessageContaining(Es7Node.CLASSPATH_PROPERTY)
                .hasMessageContaining("build module sandbox-es7 first");
    }

    @Test
    void expandsClasspathFilesAndKeepsOtherEntries(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("es7.classpath");
        Files.writeString(file, "/m2/a.jar" + File.pathSeparator + "/m2/b.jar\n");

        String classpath = Es7Node.launchClasspath("/es7/classes" + File.pathSeparator + file);

        assertThat(classpath.split(File.pathSeparator)).containsExactly("/es7/classes", "/m2/a.jar", "/m2/b.jar");
    }
}
