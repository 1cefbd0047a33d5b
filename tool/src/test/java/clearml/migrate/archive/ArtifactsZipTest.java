package clearml.migrate.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.failures.ArchiveException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactsZipTest {

    @TempDir
    Path dir;

    @Test
    void extractsTheGenuineCompanionUnderItsRelativePaths() throws IOException {
        Path target = dir.resolve("fileserver");

        List<Path> written = ArtifactsZip.extract(Fixtures.artifacts(Fixtures.SMALL), target, ArchiveLimits.defaults());

        assertThat(written).hasSize(3);
        assertThat(target.resolve("RT Root/input_model.pt")).hasSize(16);
        assertThat(target.resolve("RT Root/img.png")).hasSize(9);
    }

    @Test
    void listsNonAsciiPathsOfTheRichCompanion() {
        assertThat(ArtifactsZip.entryNames(Fixtures.artifacts(Fixtures.RICH))).hasSize(32)
                .contains("Vision Team/pretrained/resnet50 ✓.pt");
    }

    @Test
    void writesACompanionThatExtractsToTheSameFiles() throws IOException {
        Path source = Files.writeString(dir.resolve("model.pt"), "weights");
        Path companion = dir.resolve("export_abc.artifacts");
        try (ArtifactsZip.Writer writer = ArtifactsZip.create(companion)) {
            writer.add("Root/Détection/model.pt", source);
            writer.add("Root/log.txt", new ByteArrayInputStream("log".getBytes(StandardCharsets.UTF_8)));
            writer.finish();
        }

        ArtifactsZip.extract(companion, dir.resolve("out"), ArchiveLimits.defaults());

        assertThat(dir.resolve("out/Root/Détection/model.pt")).hasContent("weights");
        assertThat(dir.resolve("out/Root/log.txt")).hasContent("log");
    }

    @Test
    void leavesNoCompanionWhenNotFinished() throws IOException {
        Path companion = dir.resolve("export_abc.artifacts");
        try (ArtifactsZip.Writer writer = ArtifactsZip.create(companion)) {
            writer.add("a.txt", new ByteArrayInputStream(new byte[3]));
        }

        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"../escape.txt", "a/../../escape.txt", "/etc/cron.d/x", "C:/x.txt", "a\\..\\..\\x"})
    void refusesToExtractNamesThatLeaveTheTarget(String name) throws IOException {
        Path companion = TestZips.zip(dir.resolve("evil.artifacts"), Map.of("ok.txt", "fine", name, "evil"));
        Path target = dir.resolve("target");

        assertThatThrownBy(() -> ArtifactsZip.extract(companion, target, ArchiveLimits.defaults()))
                .isInstanceOf(ArchiveException.class).hasMessageContaining("unsafe name");
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("escape.txt")).doesNotExist();
    }
}
