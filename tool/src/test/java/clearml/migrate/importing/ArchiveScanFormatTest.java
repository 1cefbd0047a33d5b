package clearml.migrate.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.failures.ArchiveException;
import clearml.migrate.progress.Progress;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The import reads every layout of our metadata key up to its own and refuses a newer one before writing. */
class ArchiveScanFormatTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "format {0}")
    @CsvSource(delimiter = '|', value = {
        "1 | \"sha256\": \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"",
        "2 | \"crc32\": \"0a1b2c3d\"",
    })
    void readsAnArchiveOfAnEarlierOrTheCurrentFormat(int format, String digest) {
        Path archive = withMetadata(format, digest);

        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            ArchiveScan scan = ArchiveScan.of(reader, Progress.SILENT);
            assertThat(scan.metadata().orElseThrow().path("clearml_migrate").path("format_version").asInt())
                    .isEqualTo(format);
            assertThat(scan.taskIds()).containsExactly(SmallArchive.ROOT_TASK);
        }
    }

    @ParameterizedTest(name = "format {0}")
    @CsvSource({"3", "10"})
    void refusesAnArchiveOfANewerFormat(int format) {
        Path archive = withMetadata(format, "\"crc32\": \"0a1b2c3d\"");

        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            assertThatThrownBy(() -> ArchiveScan.of(reader, Progress.SILENT))
                    .isInstanceOf(ArchiveException.class)
                    .hasMessageContaining("format_version " + format + " is newer than this tool understands (2)");
        }
    }

    private Path withMetadata(int format, String digest) {
        String metadata = "{\"clearml_migrate\": {\"format_version\": " + format + ", \"tool_version\": \"0.9.0\", "
                + "\"entries\": {\"database.model.task.task.Task.json\": {\"count\": 1, " + digest + "}}}}";
        return new TestArchive().raw("metadata.json", metadata)
                .tasks("{\"_id\": \"" + SmallArchive.ROOT_TASK + "\", \"name\": \"a\"}")
                .writeTo(dir, "format-" + format + ".zip");
    }
}
