package clearml.migrate.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Reads the genuine ClearML archives; expected values were read with Python's zipfile and json. */
class ArchiveReaderTest {

    @Test
    void readsCountsOfTheSmallGenuineArchive() {
        try (ArchiveReader reader = ArchiveReader.open(Fixtures.archive(Fixtures.SMALL))) {
            assertThat(count(reader, EntityKind.PROJECT)).isEqualTo(2);
            assertThat(count(reader, EntityKind.TASK)).isEqualTo(3);
            assertThat(count(reader, EntityKind.MODEL)).isEqualTo(2);
            assertThat(eventCounts(reader)).containsExactly(
                    Map.entry("d0000000000000000000000000000003", 0L),
                    Map.entry("d0000000000000000000000000000001", 6L),
                    Map.entry("d0000000000000000000000000000002", 0L));
        }
    }

    @Test
    void readsCountsOfTheRichGenuineArchiveInStoredOrder() {
        try (ArchiveReader reader = ArchiveReader.open(Fixtures.archive(Fixtures.RICH))) {
            assertThat(count(reader, EntityKind.PROJECT)).isEqualTo(8);
            assertThat(count(reader, EntityKind.TASK)).isEqualTo(9);
            assertThat(count(reader, EntityKind.MODEL)).isEqualTo(6);
            assertThat(eventCounts(reader).values()).containsExactly(0L, 135L, 3L, 0L, 215L, 308L, 103L, 6L, 488L);
        }
    }

    @Test
    void readsDatesNamesAndKeyOrderOfGenuineDocuments() {
        try (ArchiveReader reader = ArchiveReader.open(Fixtures.archive(Fixtures.RICH));
                CloseableIterator<Document> projects = reader.entities(EntityKind.PROJECT)) {
            List<Document> all = projects.stream().toList();

            assertThat(all).extracting(d -> d.getString("name")).containsExactly("Vision Team",
                    "Vision Team/.datasets", "Vision Team/.datasets/cats dataset", "Vision Team/.pipelines",
                    "Vision Team/.pipelines/train pipeline", "Vision Team/.reports", "Vision Team/Détection 2D",
                    "Vision Team/Détection 2D/runs 日本");
            assertThat(all.get(0).getDate("created")).isEqualTo(new Date(1_741_080_413_000L));
            assertThat(all.get(0).keySet()).startsWith("_id", "company", "user", "name", "basename");
        }
    }

    @Test
    void readsMetadataAndEventsOfTheSmallArchive() {
        try (ArchiveReader reader = ArchiveReader.open(Fixtures.archive(Fixtures.SMALL));
                CloseableIterator<ObjectNode> events = reader.events("d0000000000000000000000000000001")) {
            assertThat(reader.metadata()).hasValueSatisfying(m ->
                    assertThat(m.toString()).isEqualTo("{\"created_by\":\"real_tool.py\",\"public\":false}"));
            assertThat(reader.users()).isEmpty();
            List<ObjectNode> all = events.stream().toList();
            assertThat(all).extracting(e -> e.get("type").asText()).containsExactly("training_stats_scalar",
                    "training_stats_scalar", "training_stats_scalar", "log", "plot", "training_debug_image");
            assertThat(all.get(2).get("value").doubleValue()).isEqualTo(1.0 / 3);
            assertThat(all.get(0).fieldNames()).toIterable().startsWith("task", "type", "timestamp", "iter");
        }
    }

    @Test
    void givesNoEventsForATaskWithoutEventsEntry() {
        try (ArchiveReader reader = ArchiveReader.open(Fixtures.archive(Fixtures.SMALL));
                CloseableIterator<ObjectNode> events = reader.events("ffff0000000000000000000000000000")) {
            assertThat(events.hasNext()).isFalse();
        }
    }

    private static long count(ArchiveReader reader, EntityKind kind) {
        try (CloseableIterator<Document> documents = reader.entities(kind)) {
            return documents.stream().count();
        }
    }

    private static Map<String, Long> eventCounts(ArchiveReader reader) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String taskId : reader.eventTaskIds()) {
            try (CloseableIterator<ObjectNode> events = reader.events(taskId)) {
                counts.put(taskId, events.stream().count());
            }
        }
        return counts;
    }
}
