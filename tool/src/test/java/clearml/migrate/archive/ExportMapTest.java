package clearml.migrate.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportMapTest {

    private static final Map<String, String> ENTITIES = Map.of("a", "2026-11-24T14:23:37+00:00");

    @TempDir
    Path dir;

    @Test
    void readsTheGenuineMapFile() {
        ExportMap map = ExportMap.read(Fixtures.dir().resolve(Fixtures.SMALL).resolve("export.map")).orElseThrow();

        assertThat(map.files()).containsExactly("out/v2.0.0/export_266d8328c48582c738a86fd239c4a420.zip",
                "out/v2.0.0/export_266d8328c48582c738a86fd239c4a420.artifacts");
        assertThat(map.entities()).hasSize(7)
                .containsEntry("d0000000000000000000000000000001", "2026-11-24T14:23:37.746000+00:00");
        assertThat(map.metadataHash()).isEqualTo("dc5f871b87f26c550095b1df4e350bc5");
    }

    @Test
    void formatsTimestampsAsPythonIsoformat() {
        // 1795530217746 ms is the genuine task above; 1795530217000 its whole-second neighbour.
        assertThat(ExportMap.timestamp(new Date(1_795_530_217_746L))).isEqualTo("2026-11-24T14:23:37.746000+00:00");
        assertThat(ExportMap.timestamp(new Date(1_795_530_217_000L))).isEqualTo("2026-11-24T14:23:37+00:00");
    }

    @Test
    void writesAMapThatReadsBackEqual() throws IOException {
        ExportMap map = new ExportMap(List.of("/out/export_x.zip"), ENTITIES, "");
        Path file = dir.resolve("export.map");

        map.write(file);

        assertThat(ExportMap.read(file)).contains(map);
        assertThat(Files.readString(file)).isEqualTo("{\"files\":[\"/out/export_x.zip\"],"
                + "\"entities\":{\"a\":\"2026-11-24T14:23:37+00:00\"},\"metadata_hash\":\"\"}");
    }

    @Test
    void countsAnUnreadableMapAsNoPreviousExport() throws IOException {
        assertThat(ExportMap.read(Files.writeString(dir.resolve("bad.map"), "{\"files\": 3"))).isEmpty();
        assertThat(ExportMap.read(dir.resolve("missing.map"))).isEmpty();
    }

    @Test
    void isUpToDateOnlyWhenFilesIdsTimestampsAndMetadataAllMatch() {
        ExportMap map = new ExportMap(List.of("f.zip"), ENTITIES, "h");

        assertThat(map.isUpToDate(ENTITIES, "h", f -> true)).isTrue();
        assertThat(map.isUpToDate(ENTITIES, "h", f -> false)).as("file gone").isFalse();
        assertThat(map.isUpToDate(Map.of("a", "2026-11-24T14:23:38+00:00"), "h", f -> true)).as("updated").isFalse();
        assertThat(map.isUpToDate(Map.of("a", ENTITIES.get("a"), "b", "x"), "h", f -> true)).as("new id").isFalse();
        assertThat(map.isUpToDate(ENTITIES, "other", f -> true)).as("metadata").isFalse();
    }
}
