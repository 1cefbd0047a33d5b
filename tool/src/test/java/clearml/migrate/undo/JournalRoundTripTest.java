package clearml.migrate.undo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.archive.ArchiveJson;
import clearml.migrate.events.EventHit;
import clearml.migrate.failures.ArchiveException;
import clearml.migrate.failures.UsageException;
import clearml.migrate.files.DirectoryFileStore;
import clearml.migrate.undo.JournalRecord.Committed;
import clearml.migrate.undo.JournalRecord.Created;
import clearml.migrate.undo.JournalRecord.CreatedEvent;
import clearml.migrate.undo.JournalRecord.CreatedTaskEvents;
import clearml.migrate.undo.JournalRecord.DeletedEvent;
import clearml.migrate.undo.JournalRecord.EventFieldChange;
import clearml.migrate.undo.JournalRecord.FieldChange;
import clearml.migrate.undo.JournalRecord.FilePlaced;
import clearml.migrate.undo.JournalRecord.Header;
import clearml.migrate.undo.JournalRecord.Prior;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal file: what is written comes back, in order, with every BSON type; a cut tail is dropped. */
class JournalRoundTripTest {

    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    private static final Header HEADER = new Header("import", Map.of("archive", "a.zip", "mongo", "mongodb://t:27017"), START);

    @TempDir
    Path dir;

    @Test
    void readsBackEveryKindOfRecordInOrder() throws IOException {
        Path file = dir.resolve("a.zip" + UndoJournal.SUFFIX);
        Document task = everyBsonType();
        ObjectNode event = (ObjectNode) ArchiveJson.mapper().readTree("{\"task\":\"t1\",\"value\":NaN,\"iter\":3,\"x\":1.0}");
        Path placed = dir.resolve("files/a.bin");
        Files.createDirectories(placed.getParent());
        Files.writeString(placed, "before");
        try (UndoJournal journal = UndoJournal.create(file, HEADER);
                DirectoryFileStore store = new DirectoryFileStore(dir.resolve("files"))) {
            journal.created("backend", "task", task);
            journal.prior("backend", "project", task, new Document("_id", "p1"));
            journal.deletedEvent(new EventHit("events-log-c1", "e1", event));
            journal.createdEvent("events-log-c1", "e2");
            journal.append(new CreatedTaskEvents("c1", List.of("t1", "t2")));
            journal.fieldChange("backend", "task", 7L, "output.destination", "http://old", null);
            journal.eventFieldChange("events-log-c1", "e3", "url", TextNode.valueOf("http://old/x"),
                    TextNode.valueOf("http://new/x"));
            journal.filePlaced(store, "a.bin");
            journal.filePlaced(store, "sub/new.bin");
            journal.commit(Clock.fixed(START.plusSeconds(60), ZoneOffset.UTC));
        }

        List<JournalRecord> records = readAll(file);

        assertThat(records).containsExactly(
                new Created("backend", "task", "t-1", DocumentHash.of(task)),
                new Prior("backend", "project", task, DocumentHash.of(new Document("_id", "p1"))),
                new DeletedEvent("events-log-c1", "e1", event),
                new CreatedEvent("events-log-c1", "e2"),
                new CreatedTaskEvents("c1", List.of("t1", "t2")),
                new FieldChange("backend", "task", 7L, "output.destination", "http://old", null),
                new EventFieldChange("events-log-c1", "e3", "url", TextNode.valueOf("http://old/x"),
                        TextNode.valueOf("http://new/x")),
                new FilePlaced(placed.getParent().toAbsolutePath().toString(), "a.bin", "00000001"),
                new FilePlaced(placed.getParent().toAbsolutePath().toString(), "sub/new.bin", null),
                new Committed(START.plusSeconds(60)));
        assertThat(Files.readString(UndoJournal.sideDirectory(file).resolve("00000001"))).isEqualTo("before");
        try (JournalReader reader = JournalReader.open(file)) {
            assertThat(reader.header()).isEqualTo(HEADER);
        }
    }

    @Test
    void keepsEveryBsonTypeSoARestoredDocumentHashesTheSame() {
        Document task = everyBsonType();
        Prior read = (Prior) roundTrip(new Prior("backend", "task", task, "h"));

        assertThat(read.document()).isEqualTo(task);
        assertThat(read.document().get("int")).isInstanceOf(Integer.class);
        assertThat(read.document().get("long")).isInstanceOf(Long.class);
        assertThat(DocumentHash.of(read.document())).isEqualTo(DocumentHash.of(task));
    }

    @Test
    void flushedRecordsSurviveAWriterThatNeverClosed() throws IOException {
        Path file = dir.resolve("crashed" + UndoJournal.SUFFIX);
        UndoJournal journal = UndoJournal.create(file, HEADER);
        journal.createdEvent("i", "flushed");
        journal.flush();
        journal.createdEvent("i", "buffered"); // a crash now: this member is never ended

        List<JournalRecord> records = readAll(file);

        assertThat(records).containsExactly(new CreatedEvent("i", "flushed"));
        journal.close();
    }

    @Test
    void dropsARecordCutInTheMiddleAndKeepsEveryOneBefore() throws IOException {
        Path file = dir.resolve("cut" + UndoJournal.SUFFIX);
        long lastMemberStart;
        try (UndoJournal journal = UndoJournal.create(file, HEADER)) {
            for (int batch = 0; batch < 3; batch++) {
                for (int i = 0; i < 100; i++) {
                    journal.createdEvent("events-log-c1", "e" + batch + "-" + i);
                }
                journal.flush();
            }
            lastMemberStart = Files.size(file);
            journal.created("backend", "task", new Document("_id", "last").append("pad", "x".repeat(2000)));
        }
        cut(file, (lastMemberStart + Files.size(file)) / 2);

        List<JournalRecord> records = new ArrayList<>();
        boolean truncated;
        try (JournalReader reader = JournalReader.open(file)) {
            reader.forEachRemaining(records::add);
            truncated = reader.truncated();
        }

        assertThat(records).hasSize(300).last().isEqualTo(new CreatedEvent("events-log-c1", "e2-99"));
        assertThat(truncated).isTrue();
    }

    @Test
    void refusesToOverwriteAnExistingJournal() throws IOException {
        Path file = dir.resolve("x" + UndoJournal.SUFFIX);
        Files.writeString(file, "earlier");

        assertThatThrownBy(() -> UndoJournal.create(file, HEADER)).isInstanceOf(UsageException.class)
                .hasMessageContaining("exists already").hasMessageContaining("--undo-log");
        assertThat(Files.readString(file)).isEqualTo("earlier");
    }

    @Test
    void refusesAFileThatIsNoJournal() throws IOException {
        Path zip = dir.resolve("archive.zip");
        Files.write(zip, "PK\u0003\u0004 not gzip".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> JournalReader.open(zip)).isInstanceOf(ArchiveException.class)
                .hasMessageContaining("is not an undo journal");
        assertThatThrownBy(() -> JournalReader.open(dir.resolve("missing.gz"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void namesTheDefaultJournals() {
        assertThat(UndoJournal.besideArchive(Path.of("/data/export.zip")))
                .isEqualTo(Path.of("/data/export.zip.undo.jsonl.gz"));
        assertThat(UndoJournal.forRelink(Clock.fixed(Instant.parse("2026-11-24T16:05:09Z"), ZoneOffset.UTC)))
                .isEqualTo(Path.of("relink-20261124-160509.undo.jsonl.gz"));
        assertThat(UndoJournal.sideDirectory(Path.of("/data/export.zip.undo.jsonl.gz")))
                .isEqualTo(Path.of("/data/export.zip.undo.jsonl.gz.files"));
    }

    @Test
    void aRerunGetsTheNextFreeNameBesideTheArchive() throws IOException {
        Path archive = dir.resolve("export.zip");
        assertThat(UndoJournal.freeBesideArchive(archive)).isEqualTo(dir.resolve("export.zip.undo.jsonl.gz"));
        Files.writeString(dir.resolve("export.zip.undo.jsonl.gz"), "first run");
        Files.writeString(dir.resolve("export.zip.undo-2.jsonl.gz"), "second run");

        assertThat(UndoJournal.freeBesideArchive(archive)).isEqualTo(dir.resolve("export.zip.undo-3.jsonl.gz"));
    }

    private static Document everyBsonType() {
        return new Document("_id", "t-1").append("int", 3).append("long", 3L).append("double", 3.0)
                .append("nan", Double.NaN).append("date", new Date(1_700_000_000_123L)).append("oid", new ObjectId("65a1b2c3d4e5f60718293a4b"))
                .append("null", null).append("bin", new Binary((byte) 0, new byte[] {1, 2, 3}))
                .append("decimal", Decimal128.parse("1.10")).append("list", List.of(1, "a", new Document("k", 2L)))
                .append("nested", new Document("z", 1).append("a", "unicode ✓"));
    }

    private JournalRecord roundTrip(JournalRecord record) {
        JournalCodec codec = new JournalCodec();
        return codec.read(codec.write(record));
    }

    private static List<JournalRecord> readAll(Path file) {
        List<JournalRecord> records = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(file)) {
            reader.forEachRemaining(records::add);
        }
        return records;
    }

    private static void cut(Path file, long length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
    }
}
