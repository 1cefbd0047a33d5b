package clearml.migrate.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.failures.ArchiveException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way an archive can be broken or hostile ends in one ArchiveException naming the file and entry. */
class ArchiveReaderRejectsTest {

    private static final String TASKS = EntityKind.TASK.entryName();

    @TempDir
    Path dir;

    @Test
    void rejectsATruncatedZip() throws IOException {
        Path genuine = Fixtures.archive(Fixtures.SMALL);
        byte[] bytes = Files.readAllBytes(genuine);
        Path truncated = Files.write(dir.resolve("truncated.zip"), Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> ArchiveReader.open(truncated)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining(truncated.toString()).hasMessageContaining("not a readable zip");
    }

    @Test
    void rejectsDamagedCompressedDataNamingTheEntry() throws IOException {
        Path genuine = Fixtures.archive(Fixtures.SMALL);
        byte[] bytes = Files.readAllBytes(genuine);
        long offset;
        try (var zip = org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(genuine).get()) {
            offset = zip.getEntry(TASKS).getDataOffset();
        }
        for (int i = 20; i < 60; i++) {
            bytes[(int) offset + i] ^= 0x5A;
        }
        Path damaged = Files.write(dir.resolve("damaged.zip"), bytes);

        assertThatThrownBy(() -> readAll(damaged)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("entry " + TASKS).hasMessageContaining("damaged");
    }

    @Test
    void rejectsUsersJsonWithoutQuotingItsContent() throws IOException {
        Path zip = TestZips.zip(dir.resolve("users.zip"), Map.of(EntityKind.USERS_ENTRY,
                "{\n\"auth\": [\n{\"_id\": \"u\", \"credentials\": [{\"secret\": s3cr3t}]}\n]}"));

        try (ArchiveReader reader = ArchiveReader.open(zip)) {
            assertThatThrownBy(reader::users).isInstanceOf(ArchiveException.class)
                    .hasMessageContaining("entry users.json").hasMessageNotContaining("s3cr3t");
        }
    }

    @Test
    void rejectsAFileThatIsNoZip() throws IOException {
        Path text = Files.writeString(dir.resolve("export.zip"), "hello");

        assertThatThrownBy(() -> ArchiveReader.open(text)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("not a readable zip");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "README.md | unknown entry",
            "database.model.queue.Queue.json | unknown entry",
            "../database.model.task.task.Task.json | unsafe entry name",
            "/etc/passwd | unsafe entry name",
            "sub/../../x.json | unsafe entry name"})
    void rejectsEntriesTheImporterWouldNotAccept(String name, String problem) throws IOException {
        Path zip = TestZips.zip(dir.resolve("bad.zip"), Map.of(name, "[\n]"));

        assertThatThrownBy(() -> ArchiveReader.open(zip)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("entry " + name).hasMessageContaining(problem);
    }

    @Test
    void rejectsAPrettyPrintedEntryWithEntryAndLine() throws IOException {
        Path zip = TestZips.zip(dir.resolve("pretty.zip"), Map.of(TASKS, "[\n{\n  \"_id\": \"a\"\n}\n]"));

        assertThatThrownBy(() -> readAll(zip)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining(zip.toString()).hasMessageContaining("entry " + TASKS)
                .hasMessageContaining("line 2").hasMessageContaining("one JSON document per line");
    }

    @Test
    void rejectsAWholeArrayOnOneLine() throws IOException {
        Path zip = TestZips.zip(dir.resolve("oneline.zip"), Map.of(TASKS, "[{\"_id\": \"a\"}, {\"_id\": \"b\"}]"));

        assertThatThrownBy(() -> readAll(zip)).isInstanceOf(ArchiveException.class).hasMessageContaining("line 1");
    }

    @Test
    void rejectsANonJsonLine() throws IOException {
        Path zip = TestZips.zip(dir.resolve("text.zip"), Map.of(TASKS, "[\n{\"_id\": \"a\"},\nnot json\n]"));

        assertThatThrownBy(() -> readAll(zip)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("line 3").hasMessageContaining("not one JSON document");
    }

    @Test
    void rejectsADocumentWithoutId() throws IOException {
        Path zip = TestZips.zip(dir.resolve("noid.zip"), Map.of(TASKS, "[\n{\"name\": \"a\"}\n]"));

        assertThatThrownBy(() -> readAll(zip)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("line 2").hasMessageContaining("no _id");
    }

    @Test
    void reportsADuplicateIdWithBothLines() throws IOException {
        Path zip = TestZips.zip(dir.resolve("dup.zip"), Map.of(TASKS, "[\n{\"_id\": \"a\"},\n{\"_id\": \"a\"}\n]"));

        assertThatThrownBy(() -> readAll(zip)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("line 3").hasMessageContaining("duplicate _id a, first seen on line 2");
    }

    @Test
    void rejectsAnEntryThatInflatesBeyondTheLimit() throws IOException {
        byte[] zeros = new byte[1 << 20];
        Path bomb = TestZips.zip(dir.resolve("bomb.zip"), TASKS, out -> {
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
        });
        ArchiveLimits limits = new ArchiveLimits(8 << 20, 128 << 20);

        assertThatThrownBy(() -> readAll(bomb, limits)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("entry " + TASKS).hasMessageContaining("declares 67108864 bytes");
    }

    @Test
    void rejectsAnEntryThatInflatesBeyondTheSizeItDeclares() throws IOException {
        Path zip = TestZips.zip(dir.resolve("liar.zip"), TASKS, out -> out.write(new byte[1 << 20]));
        declareUncompressedSize(zip, 1000);

        assertThatThrownBy(() -> readAll(zip)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("entry " + TASKS).hasMessageContaining("more than 1000 bytes");
    }

    @Test
    void rejectsAnEndlessLineBeforeItFillsMemory() throws IOException {
        byte[] spaces = new byte[1 << 20];
        Arrays.fill(spaces, (byte) ' ');
        Path zip = TestZips.zip(dir.resolve("line.zip"), TASKS, out -> {
            for (int i = 0; i < 4; i++) {
                out.write(spaces);
            }
        });

        assertThatThrownBy(() -> readAll(zip, new ArchiveLimits(1L << 30, 1 << 20)))
                .isInstanceOf(ArchiveException.class).hasMessageContaining("longer than 1048576 bytes");
    }

    @Test
    void rejectsMetadataThatIsNotAnObject() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(EntityKind.METADATA_ENTRY, "[1, 2]");
        Path zip = TestZips.zip(dir.resolve("meta.zip"), entries);

        try (ArchiveReader reader = ArchiveReader.open(zip)) {
            assertThatThrownBy(reader::metadata).isInstanceOf(ArchiveException.class)
                    .hasMessageContaining("entry metadata.json: not a JSON object");
        }
    }

    // Patches the uncompressed size in the local header (offset 22) and central directory (offset 24).
    private static void declareUncompressedSize(Path zip, int size) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(zip)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.getInt(0)).isEqualTo(0x04034b50);
        bytes.putInt(22, size);
        for (int at = bytes.limit() - 22; at > 0; at--) {
            if (bytes.getInt(at) == 0x02014b50) {
                bytes.putInt(at + 24, size);
                break;
            }
        }
        Files.write(zip, bytes.array());
    }

    private static void readAll(Path zip) {
        readAll(zip, ArchiveLimits.defaults());
    }

    private static void readAll(Path zip, ArchiveLimits limits) {
        try (ArchiveReader reader = ArchiveReader.open(zip, limits);
                CloseableIterator<Document> tasks = reader.entities(EntityKind.TASK)) {
            tasks.forEachRemaining(document -> { });
        }
    }
}
