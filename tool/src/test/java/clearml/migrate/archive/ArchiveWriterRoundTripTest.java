package clearml.migrate.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rewriting a genuine ClearML archive through reader and writer reproduces ClearML's bytes and md5. */
class ArchiveWriterRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void rewritesTheRichGenuineArchiveWithClearmlsExactBytesOrderAndMd5() throws IOException {
        Path original = Fixtures.archive(Fixtures.RICH);
        ArchiveSummary summary;
        try (ArchiveReader reader = ArchiveReader.open(original); ArchiveWriter writer = ArchiveWriter.create(dir)) {
            copyEntities(reader, writer);
            copyEvents(reader, writer);
            ObjectNode metadata = reader.metadata().orElseThrow();
            summary = writer.finish(entries -> metadata);
        }

        assertThat(names(summary.path())).isEqualTo(names(original));
        for (String name : names(original)) {
            assertThat(new String(entryBytes(summary.path(), name), StandardCharsets.UTF_8))
                    .as(name).isEqualTo(new String(entryBytes(original, name), StandardCharsets.UTF_8));
        }
        // The fixture's own name carries the md5 ClearML computed (data model §3.8).
        assertThat(summary.path().getFileName().toString()).isEqualTo(original.getFileName().toString());
    }

    private static void copyEntities(ArchiveReader reader, ArchiveWriter writer) {
        for (EntityKind kind : EntityKind.values()) {
            try (CloseableIterator<Document> documents = reader.entities(kind);
                    EntryWriter<Document> out = writer.entities(kind)) {
                documents.forEachRemaining(out::write);
            }
        }
    }

    private static void copyEvents(ArchiveReader reader, ArchiveWriter writer) {
        for (String taskId : reader.eventTaskIds()) {
            try (CloseableIterator<ObjectNode> events = reader.events(taskId);
                    EntryWriter<ObjectNode> out = writer.events(taskId)) {
                events.forEachRemaining(out::write);
            }
        }
    }

    static byte[] entryBytes(Path zipFile, String name) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(zipFile).get(); InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return in.readAllBytes();
        }
    }

    static List<String> names(Path zipFile) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(zipFile).get()) {
            List<String> names = new ArrayList<>();
            zip.getEntriesInPhysicalOrder().asIterator().forEachRemaining(e -> names.add(e.getName()));
            return names;
        }
    }
}
