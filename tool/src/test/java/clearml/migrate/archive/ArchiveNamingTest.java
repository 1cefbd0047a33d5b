package clearml.migrate.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArchiveNamingTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/out/export.zip | /out/export_abc.zip | /out/export.map",
            "/out/team.backup.zip | /out/team.backup_abc.zip | /out/team.backup.map",
            "/out/export | /out/export_abc | /out/export.map",
            "/out/.hidden | /out/.hidden_abc | /out/.hidden.map"})
    void putsTheMd5BeforeTheSuffixAndTheMapWithoutIt(String requested, String archive, String map) {
        assertThat(ArchiveNaming.archive(Path.of(requested), "abc")).isEqualTo(Path.of(archive));
        assertThat(ArchiveNaming.map(Path.of(requested))).isEqualTo(Path.of(map));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "/out/export.zip | 4a1b | /out/export_4a1b.zip",
            "/out/export.zip | '' | /out/export_root.zip",
            "/out/team.backup.zip | 4a1b | /out/team.backup_4a1b.zip",
            "/out/export | 4a1b | /out/export_4a1b"})
    void namesEachPartOfASplitExportAfterItsRootProject(String requested, String root, String part) {
        assertThat(ArchiveNaming.splitPart(Path.of(requested), root)).isEqualTo(Path.of(part));
    }

    @Test
    void treatsAnExistingDirectoryAsExportZipInside() {
        assertThat(ArchiveNaming.archive(dir, "abc")).isEqualTo(dir.toAbsolutePath().resolve("export_abc.zip"));
        assertThat(ArchiveNaming.map(dir)).isEqualTo(dir.toAbsolutePath().resolve("export.map"));
        assertThat(ArchiveNaming.targetDirectory(dir)).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void namesTheArtifactsCompanionAfterTheArchive() {
        assertThat(ArchiveNaming.artifacts(Path.of("/out/export_266d.zip"))).isEqualTo(Path.of("/out/export_266d.artifacts"));
    }
}
