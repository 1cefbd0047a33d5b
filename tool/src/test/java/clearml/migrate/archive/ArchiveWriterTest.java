package clearml.migrate.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

class ArchiveWriterTest {

    private final ObjectMapper json = ArchiveJson.mapper();

    @TempDir
    Path dir;

    @Test
    void writesEntriesInClearmlOrderWithEventsBeforeTasks() throws IOException {
        ArchiveSummary summary = writeSample(dir.resolve("export.zip"));

        assertThat(ArchiveWriterRoundTripTest.names(summary.path())).containsExactly("metadata.json", "users.json",
                "database.model.model.Model.json", "database.model.project.Project.json",
                "database.model.task.task.Task_t2_events.json", "database.model.task.task.Task_t1_events.json",
                "database.model.task.task.Task.json");
        assertThat(summary.path().getFileName().toString()).isEqualTo("export_" + summary.md5() + ".zip");
        assertThat(summary.path().getParent()).isEqualTo(dir.toAbsolutePath());
    }

    @Test
    void writesWhatAStrictClearmlImporterReads() throws IOException {
        ArchiveSummary summary = writeSample(dir);

        Map<String, List<JsonNode>> entries = ClearmlImporterRules.read(summary.path());

        assertThat(entries.get("database.model.task.task.Task.json")).extracting(d -> d.get("_id").asText())
                .containsExactly("t2", "t1");
        assertThat(entries.get("database.model.task.task.Task_t2_events.json")).hasSize(3);
        assertThat(entries.get("database.model.task.task.Task_t1_events.json")).isEmpty();
        assertThat(entries.get("database.model.task.task.Task.json").get(1).get("last_metrics").get("v").doubleValue())
                .isNaN();
        assertThat(entries.get("users.json")).hasSize(2);
        assertThat(entries.get("metadata.json").get(0).get("counts").get("database.model.task.task.Task.json")
                .asLong()).isEqualTo(2);
    }

    @Test
    void writesAnEmptyEventsEntryAsClearmlDoes() throws IOException {
        ArchiveSummary summary = writeSample(dir);

        assertThat(ArchiveWriterRoundTripTest.entryBytes(summary.path(), "database.model.task.task.Task_t1_events.json"))
                .asString(StandardCharsets.UTF_8).isEqualTo("[\n]");
    }

    @Test
    void readsBackWhatItWroteWithTypesDatesAndNaN() throws IOException {
        ArchiveSummary summary = writeSample(dir);

        try (ArchiveReader reader = ArchiveReader.open(summary.path());
                CloseableIterator<Document> tasks = reader.entities(EntityKind.TASK);
                CloseableIterator<ObjectNode> events = reader.events("t2")) {
            Document second = tasks.stream().toList().get(1);
            assertThat(second.getDate("created")).isEqualTo(new Date(-1000));
            assertThat(second.get("last_metrics", Document.class).getDouble("v")).isNaN();
            assertThat(second.get("big")).isEqualTo(1L << 40);
            assertThat(events.stream().map(e -> e.get("value").asDouble()).toList())
                    .containsExactly(1e-05, Double.POSITIVE_INFINITY, 0.5);
            assertThat(reader.users().orElseThrow().auth()).extracting(u -> u.getString("name")).containsExactly("Dana");
        }
    }

    @Test
    void summarisesEachEntryWithCountsAndCrc32OfItsBytes() throws IOException {
        ArchiveSummary summary = writeSample(dir);

        EntrySummary tasks = summary.entries().stream()
                .filter(e -> e.name().equals(EntityKind.TASK.entryName())).findFirst().orElseThrow();
        byte[] bytes = ArchiveWriterRoundTripTest.entryBytes(summary.path(), tasks.name());
        assertThat(tasks.documents()).isEqualTo(2);
        assertThat(tasks.bytes()).isEqualTo(bytes.length);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        assertThat(tasks.crc32()).isEqualTo(crc.getValue());
        assertThat(summary.documents("database.model.task.task.Task_t2_events.json")).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EntryCompression.class)
    void pythonZipfileReadsEveryLineAndComputesTheSameMd5(EntryCompression compression) throws Exception {
        assumeTrue(pythonAvailable(), "python3 is not on the PATH: skipping the check with Python's zipfile and json");
        ArchiveSummary summary = writeSample(dir, compression);
        Path script = dir.resolve("clearml_reads.py");
        try (InputStream in = getClass().getResourceAsStream("clearml_reads.py")) {
            Files.copy(in, script);
        }

        Process process = new ProcessBuilder("python3", script.toString(), summary.path().toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output.lines()).containsExactly("metadata.json 1", "users.json 2",
                "database.model.model.Model.json 1", "database.model.project.Project.json 2",
                "database.model.task.task.Task_t2_events.json 3", "database.model.task.task.Task_t1_events.json 0",
                "database.model.task.task.Task.json 2", "md5 " + summary.md5());
    }

    @Test
    void aBzip2ArchiveHoldsTheSameBytesAsADeflateOneEveryEntryWithMethod12() throws IOException {
        ArchiveSummary deflate = writeSample(dir.resolve("deflate"));
        ArchiveSummary bzip2 = writeSample(dir.resolve("bzip2"), EntryCompression.BZIP2);

        assertThat(bzip2.md5()).isEqualTo(deflate.md5());
        try (org.apache.commons.compress.archivers.zip.ZipFile zip =
                org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(bzip2.path()).get()) {
            assertThat(java.util.Collections.list(zip.getEntries())).extracting(e -> e.getMethod()).containsOnly(12);
        }
        for (String name : ArchiveWriterRoundTripTest.names(deflate.path())) {
            assertThat(ArchiveWriterRoundTripTest.entryBytes(bzip2.path(), name)).as(name)
                    .isEqualTo(ArchiveWriterRoundTripTest.entryBytes(deflate.path(), name));
        }
        assertThat(bzip2.entries()).extracting(EntrySummary::crc32)
                .isEqualTo(deflate.entries().stream().map(EntrySummary::crc32).toList());
    }

    @Test
    void fillsEventEntriesFromParallelWorkersAndStillOrdersThemByTask() throws Exception {
        List<String> taskIds = List.of("a1", "b2", "c3", "d4");
        ArchiveSummary summary;
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try (ArchiveWriter writer = ArchiveWriter.create(dir)) {
            List<Future<?>> done = new ArrayList<>();
            for (String id : List.of("d4", "b2", "a1", "c3")) {
                EntryWriter<ObjectNode> events = writer.events(id);
                done.add(workers.submit(() -> writeEvents(events, id, 2000)));
            }
            try (EntryWriter<Document> tasks = writer.entities(EntityKind.TASK)) {
                taskIds.forEach(id -> tasks.write(new Document("_id", id).append("name", "task")));
            }
            for (Future<?> future : done) {
                future.get();
            }
            summary = writer.finish(entries -> null);
        } finally {
            workers.shutdown();
            workers.awaitTermination(10, TimeUnit.SECONDS);
        }

        assertThat(ArchiveWriterRoundTripTest.names(summary.path())).containsExactly(
                "database.model.task.task.Task_a1_events.json", "database.model.task.task.Task_b2_events.json",
                "database.model.task.task.Task_c3_events.json", "database.model.task.task.Task_d4_events.json",
                "database.model.task.task.Task.json");
        assertThat(summary.documents("database.model.task.task.Task_c3_events.json")).isEqualTo(2000);
        assertThat(summary.metadataHash()).isEmpty();
    }

    @Test
    void refusesEntitiesOutOfClearmlOrder() {
        try (ArchiveWriter writer = ArchiveWriter.create(dir);
                EntryWriter<Document> projects = writer.entities(EntityKind.PROJECT)) {
            projects.write(new Document("_id", "p2").append("name", "b"));

            assertThatThrownBy(() -> projects.write(new Document("_id", "p1").append("name", "a")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sorted by (name, _id)");
            assertThatThrownBy(() -> projects.write(new Document("name", "c")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without _id");
        }
    }

    @Test
    void leavesNoFileBehindWhenWritingFails() throws IOException {
        try (ArchiveWriter writer = ArchiveWriter.create(dir)) {
            EntryWriter<Document> models = writer.entities(EntityKind.MODEL);
            models.write(new Document("_id", "m1").append("name", "model"));
            assertThatThrownBy(() -> writer.finish(entries -> null)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("never closed");
        }

        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void leavesOnlyTheArchiveAfterSuccess() throws IOException {
        ArchiveSummary summary = writeSample(dir);

        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(summary.path());
        }
    }

    private ArchiveSummary writeSample(Path output) {
        return writeSample(output, EntryCompression.DEFLATE);
    }

    private ArchiveSummary writeSample(Path output, EntryCompression compression) {
        try (ArchiveWriter writer = ArchiveWriter.create(output, compression)) {
            writer.users(List.of(new Document("_id", "u1").append("name", "Dana")
                            .append("credentials", List.of(new Document("key", "K").append("secret", "S")))),
                    List.of(new Document("_id", "u1").append("name", "Dana")));
            try (EntryWriter<ObjectNode> events = writer.events("t1")) {
                assertThat(events.count()).isZero();
            }
            try (EntryWriter<ObjectNode> events = writer.events("t2")) {
                for (double value : new double[] {1e-05, Double.POSITIVE_INFINITY, 0.5}) {
                    events.write(json.createObjectNode().put("task", "t2").put("value", value).put("metric", "lé"));
                }
            }
            writeEntities(writer);
            return writer.finish(entries -> metadata(entries));
        }
    }

    private void writeEntities(ArchiveWriter writer) {
        try (EntryWriter<Document> models = writer.entities(EntityKind.MODEL)) {
            models.write(new Document("_id", "m1").append("name", "model").append("uri", "http://files/x"));
        }
        try (EntryWriter<Document> projects = writer.entities(EntityKind.PROJECT)) {
            projects.write(new Document("_id", "p1").append("name", "Root"));
            projects.write(new Document("_id", "p2").append("name", "Root/Détection"));
        }
        try (EntryWriter<Document> tasks = writer.entities(EntityKind.TASK)) {
            tasks.write(new Document("_id", "t2").append("name", "a task"));
            tasks.write(new Document("_id", "t1").append("name", "b task").append("created", new Date(-1000))
                    .append("last_metrics", new Document("v", Double.NaN)).append("big", 1L << 40));
        }
    }

    private ObjectNode metadata(List<EntrySummary> entries) {
        ObjectNode metadata = json.createObjectNode().put("public", false);
        ObjectNode counts = metadata.putObject("counts");
        entries.forEach(e -> counts.put(e.name(), e.documents()));
        return metadata;
    }

    private void writeEvents(EntryWriter<ObjectNode> events, String taskId, int count) {
        try (events) {
            for (int i = 0; i < count; i++) {
                events.write(json.createObjectNode().put("task", taskId).put("iter", i).put("value", i / 3.0));
            }
        }
    }

    private static boolean pythonAvailable() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
