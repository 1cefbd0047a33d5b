package clearml.migrate.files;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.links.FileServerUrls;
import clearml.migrate.progress.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactCollectorTest {

    @TempDir
    Path dir;

    Path source;
    ArtifactCollector collector = new ArtifactCollector(FileServerUrls.heuristic());

    @BeforeEach
    void seedSourceFileServer() throws IOException {
        source = Files.createDirectories(dir.resolve("source"));
        write("Project A/train.0a1b/artifacts/data/data.csv", "a,b\n1,2\n");
        write("Project A/train.0a1b/metrics/loss/val/loss_val_00000001.png", "png-bytes");
        write("reports/3f2a/chart.png", "report asset");
        write("Vision Team/pretrained/resnet50 ✓.pt", "weights");
    }

    @Test
    void storesEveryReferencedFileOnceUnderItsRelativePathWithExactBytes() throws IOException {
        collector.reference("http://localhost:8081/Project%20A/train.0a1b/artifacts/data/data.csv", "task 0a1b");
        collector.reference("http://localhost:8081/Project A/train.0a1b/artifacts/data/data.csv", "task 0a1b");
        collector.reference("http://fileserver:8081/Project A/train.0a1b/metrics/loss/val/loss_val_00000001.png",
                "events of task 0a1b");
        collector.reference("https://files.acme.io/reports/3f2a/chart.png", "task 3f2a");
        collector.reference("http://localhost:8081/Vision%20Team/pretrained/resnet50%20%E2%9C%93.pt", "model 77");

        ArtifactsReport report = collector.writeTo(open(source), dir.resolve("export_x.artifacts"), Progress.SILENT);

        assertThat(entries(dir.resolve("export_x.artifacts"))).isEqualTo(
                "Project A/train.0a1b/artifacts/data/data.csv=a,b\n1,2\n; "
                        + "Project A/train.0a1b/metrics/loss/val/loss_val_00000001.png=png-bytes; "
                        + "Vision Team/pretrained/resnet50 ✓.pt=weights; "
                        + "reports/3f2a/chart.png=report asset");
        assertThat(report).isEqualTo(new ArtifactsReport(dir.resolve("export_x.artifacts"), 4, 8 + 9 + 7 + 12,
                List.of()));
    }

    @Test
    void listsMissingAndUnusableFilesWithTheirFirstReferenceAndStoresTheOthers() throws IOException {
        collector.reference("https://files.acme.io/reports/3f2a/chart.png", "task 3f2a");
        collector.reference("http://localhost:8081/Project A/gone.bin", "task 0a1b");
        collector.reference("http://localhost:8081/Project A/gone.bin", "model 77");
        collector.reference("http://localhost:8081/a/%2E%2E/%2E%2E/etc/passwd", "task 0a1b");

        ArtifactsReport report = collector.writeTo(open(source), dir.resolve("e.artifacts"), Progress.SILENT);

        assertThat(report.missing()).containsExactly(
                new MissingFile("", "http://localhost:8081/a/%2E%2E/%2E%2E/etc/passwd", "task 0a1b", MissingFile.UNSAFE),
                new MissingFile("Project A/gone.bin", "http://localhost:8081/Project A/gone.bin", "task 0a1b",
                        MissingFile.NOT_FOUND));
        assertThat(entries(dir.resolve("e.artifacts"))).isEqualTo("reports/3f2a/chart.png=report asset");
        assertThat(report.files()).isEqualTo(1);
    }

    @Test
    void ignoresUrlsThatAreNotOnTheFileServer() {
        assertThat(collector.reference("s3://bucket/models/model.pt", "model 77")).isFalse();
        assertThat(collector.reference("http://files.acme.io/no-port/x.bin", "task 1")).isFalse();
        assertThat(collector.reference("http://10.0.0.5:18081/x.bin", "task 1")).isTrue();
        assertThat(collector.referencedFiles()).isEqualTo(1);
    }

    @Test
    void takesTheFileServerPrefixesTheUserGives() {
        ArtifactCollector withPrefix = new ArtifactCollector(FileServerUrls.of(List.of("https://web.acme.io/files")));

        assertThat(withPrefix.reference("https://web.acme.io/files/reports/3f2a/chart.png", "task 3f2a")).isTrue();
        assertThat(withPrefix.reference("http://localhost:8081/reports/3f2a/chart.png", "task 3f2a")).isFalse();
    }

    @Test
    void writesNoCompanionWhenNoReferencedFileIsFound() {
        collector.reference("http://localhost:8081/Project A/gone.bin", "task 0a1b");

        ArtifactsReport report = collector.writeTo(open(source), dir.resolve("e.artifacts"), Progress.SILENT);

        assertThat(report.companionFile()).isEmpty();
        assertThat(report.missing()).hasSize(1);
        assertThat(dir.resolve("e.artifacts")).doesNotExist();
        assertThat(dir).isDirectoryNotContaining(p -> p.getFileName().toString().contains("artifacts"));
    }

    @Test
    void downloadsFromAFileServerOverHttp() throws IOException {
        collector.reference("http://localhost:8081/Vision%20Team/pretrained/resnet50%20%E2%9C%93.pt", "model 77");
        collector.reference("http://localhost:8081/reports/3f2a/chart.png", "task 3f2a");
        try (ClearmlFileServer server = ClearmlFileServer.start(source)) {
            ArtifactsReport report = collector.writeTo(FileStores.open(server.url(), null),
                    dir.resolve("e.artifacts"), Progress.SILENT);

            assertThat(report.files()).isEqualTo(2);
        }
        assertThat(entries(dir.resolve("e.artifacts")))
                .isEqualTo("Vision Team/pretrained/resnet50 ✓.pt=weights; reports/3f2a/chart.png=report asset");
    }

    static FileStore open(Path directory) {
        return FileStores.open(directory.toString(), null);
    }

    /** The companion as {@code name=content; ...} in stored order: one string states the whole expectation. */
    static String entries(Path companion) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(companion).get()) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntriesInPhysicalOrder());
            StringBuilder trace = new StringBuilder();
            for (ZipArchiveEntry entry : entries) {
                try (InputStream in = zip.getInputStream(entry)) {
                    trace.append(trace.isEmpty() ? "" : "; ").append(entry.getName()).append('=')
                            .append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return trace.toString();
        }
    }

    private void write(String path, String content) throws IOException {
        Path file = source.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    static String tree(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p) + "=" + content(p)).sorted()
                    .collect(Collectors.joining("; "));
        }
    }

    private static String content(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
