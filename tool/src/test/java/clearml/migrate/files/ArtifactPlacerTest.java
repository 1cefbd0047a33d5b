package clearml.migrate.files;

import static clearml.migrate.files.ArtifactCollectorTest.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.archive.ArchiveLimits;
import clearml.migrate.failures.ArchiveException;
import clearml.migrate.failures.UsageException;
import clearml.migrate.links.FileServerUrls;
import clearml.migrate.progress.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactPlacerTest {

    static final String SOURCE_TREE = "Project A/train.0a1b/artifacts/data/data.csv=a,b; "
            + "Vision Team/pretrained/resnet50 ✓.pt=weights; reports/3f2a/chart.png=report asset";

    @TempDir
    Path dir;

    Path companion;
    Path target;
    final ArtifactPlacer placer = new ArtifactPlacer(ArchiveLimits.defaults());

    @BeforeEach
    void exportACompanion() throws IOException {
        Path source = Files.createDirectories(dir.resolve("source"));
        write(source, "Project A/train.0a1b/artifacts/data/data.csv", "a,b");
        write(source, "Vision Team/pretrained/resnet50 ✓.pt", "weights");
        write(source, "reports/3f2a/chart.png", "report asset");
        ArtifactCollector collector = new ArtifactCollector(FileServerUrls.heuristic());
        collector.reference("http://localhost:8081/Project A/train.0a1b/artifacts/data/data.csv", "task 0a1b");
        collector.reference("http://localhost:8081/Vision%20Team/pretrained/resnet50%20%E2%9C%93.pt", "model 77");
        collector.reference("https://files.acme.io/reports/3f2a/chart.png", "task 3f2a");
        companion = collector.writeTo(open(source), dir.resolve("export_x.artifacts"), Progress.SILENT)
                .companionFile().orElseThrow();
        target = Files.createDirectories(dir.resolve("target"));
    }

    @Test
    void placesEveryFileUnderTheTargetDirectoryAsTheSourceHadIt() throws IOException {
        PlacementReport report = place(open(target), ArtifactsLayout.FLAT, null);

        assertThat(tree(target)).isEqualTo(SOURCE_TREE);
        assertThat(report).isEqualTo(new PlacementReport(3, 0, 0, 3 + 7 + 12));
    }

    @Test
    void reportsEveryFileUnchangedOnARerun() throws IOException {
        place(open(target), ArtifactsLayout.FLAT, null);

        assertThat(place(open(target), ArtifactsLayout.FLAT, null)).isEqualTo(new PlacementReport(0, 0, 3, 22));
        assertThat(tree(target)).isEqualTo(SOURCE_TREE);
    }

    @Test
    void replacesATargetFileThatHoldsOtherBytes() throws IOException {
        write(target, "Vision Team/pretrained/resnet50 ✓.pt", "stale weights");

        assertThat(place(open(target), ArtifactsLayout.FLAT, null)).isEqualTo(new PlacementReport(2, 1, 0, 22));
        assertThat(tree(target)).isEqualTo(SOURCE_TREE);
    }

    @Test
    void namesAsChangesOnlyTheFilesThePlacementWouldWrite() throws IOException {
        write(target, "Vision Team/pretrained/resnet50 ✓.pt", "stale weights");
        write(target, "reports/3f2a/chart.png", "report asset");

        assertThat(placer.changes(companion, open(target), ArtifactsLayout.FLAT, null)).containsExactlyInAnyOrder(
                "Project A/train.0a1b/artifacts/data/data.csv", "Vision Team/pretrained/resnet50 ✓.pt");
        place(open(target), ArtifactsLayout.FLAT, null);
        assertThat(placer.changes(companion, open(target), ArtifactsLayout.FLAT, null)).isEmpty();
        assertThat(placer.changes(companion, open(target), ArtifactsLayout.ENTERPRISE, "c1")).hasSize(3)
                .allSatisfy(path -> assertThat(path).startsWith("c1/"));
    }

    @Test
    void tellsBeforeWriteOnlyTheFilesItCreatesOrReplaces() throws IOException {
        write(target, "Vision Team/pretrained/resnet50 ✓.pt", "stale weights");
        write(target, "reports/3f2a/chart.png", "report asset");
        List<String> written = new ArrayList<>();

        PlacementReport report = placer.place(companion, open(target), ArtifactsLayout.FLAT, null, written::add,
                Progress.SILENT);

        assertThat(written).containsExactlyInAnyOrder(
                "Project A/train.0a1b/artifacts/data/data.csv", "Vision Team/pretrained/resnet50 ✓.pt");
        assertThat(report).isEqualTo(new PlacementReport(1, 1, 1, 22));
    }

    @Test
    void uploadsEveryFileToAFileServerOverHttp() throws IOException {
        try (ClearmlFileServer server = ClearmlFileServer.start(target)) {
            PlacementReport report = place(FileStores.open(server.url(), null), ArtifactsLayout.FLAT, null);

            assertThat(report.created()).isEqualTo(3);
            assertThat(server.requests().stream().filter(r -> r.startsWith("POST / 200"))).hasSize(3);
        }
        assertThat(tree(target)).isEqualTo(SOURCE_TREE);
    }

    @Test
    void putsEveryFileUnderTheCompanyDirectoryForAnEnterpriseTarget() throws IOException {
        place(open(target), ArtifactsLayout.ENTERPRISE, "a1b2c3d4e5f6a1b2c3d4e5f6");

        assertThat(tree(target.resolve("a1b2c3d4e5f6a1b2c3d4e5f6"))).isEqualTo(SOURCE_TREE);
        assertThat(target).isDirectoryNotContaining(p -> p.getFileName().toString().equals("reports"));
    }

    @Test
    void refusesTheEnterpriseLayoutWithoutACompanyOrOverHttp() throws IOException {
        assertThatThrownBy(() -> place(open(target), ArtifactsLayout.ENTERPRISE, null))
                .isInstanceOf(UsageException.class).hasMessageContaining("--company");
        try (ClearmlFileServer server = ClearmlFileServer.start(target)) {
            assertThatThrownBy(() -> place(FileStores.open(server.url(), null), ArtifactsLayout.ENTERPRISE, "c1"))
                    .isInstanceOf(UsageException.class).hasMessageContaining("--artifacts-layout enterprise");
        }
        assertThat(tree(target)).isEmpty();
    }

    // A name with a backslash but no slash is turned into a slash path by the zip library itself (DOS entries).
    @ParameterizedTest
    @ValueSource(strings = {"../../etc/x", "/abs/x", "a/../../b", "..\\..\\etc/x", "C:/x", "a/\u0000b", "./a"})
    void refusesAHostileCompanionBeforeWritingAnything(String hostile) throws IOException {
        Path bad = dir.resolve("bad.artifacts");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bad)) {
            add(zip, "fine/first.txt", "written first in the zip");
            add(zip, hostile, "evil");
        }

        assertThatThrownBy(() -> placer.place(bad, open(target), ArtifactsLayout.FLAT, null, Progress.SILENT))
                .isInstanceOf(ArchiveException.class)
                .hasMessageContaining("entry " + hostile.replace('\u0000', '?'))
                .hasMessageContaining("refusing to place any file");
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(p -> p.getFileName().toString().matches("x|b|first.txt"))).isEmpty();
        }
    }

    @Test
    void placesTheCompanionClearmlWrote() throws IOException {
        Path genuine = genuineCompanion();

        PlacementReport report = placer.place(genuine, open(target), ArtifactsLayout.FLAT, null, Progress.SILENT);

        assertThat(report.created()).isEqualTo(3);
        assertThat(target.resolve("RT Root/input_model.pt")).hasSize(16);
        assertThat(target.resolve("RT Root/img.png")).hasSize(9);
    }

    @Test
    void findsTheCompanionNextToTheArchive() throws IOException {
        Path archive = Files.writeString(dir.resolve("export_x.zip"), "zip");

        assertThat(ArtifactPlacer.companionOf(archive)).contains(companion);
        assertThat(ArtifactPlacer.companionOf(dir.resolve("target/other_y.zip"))).isEmpty();
    }

    private PlacementReport place(FileStore store, ArtifactsLayout layout, String company) {
        return placer.place(companion, store, layout, company, Progress.SILENT);
    }

    private static FileStore open(Path directory) {
        return FileStores.open(directory.toString(), null);
    }

    private static Path genuineCompanion() throws IOException {
        Path fixtures = Path.of(System.getProperty("clearml.fixtures", "../../shared/fixtures"))
                .resolve("clearml-server-2.0.0");
        try (Stream<Path> files = Files.list(fixtures)) {
            return files.filter(p -> p.toString().endsWith(".artifacts")).findFirst().orElseThrow();
        }
    }

    private static void add(ZipArchiveOutputStream zip, String name, String content) throws IOException {
        zip.putArchiveEntry(new ZipArchiveEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeArchiveEntry();
    }

    private static void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
