package clearml.migrate.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import clearml.migrate.failures.ArchiveException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Events read from the bytes of an ASCII line and from the text of any other line are the same events, and a
 * line is refused in the same words either way.
 */
class ArchiveReaderEventLinesTest {

    private static final String TASK = "t0000000000000000000000000000001";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.SMALL, Fixtures.RICH})
    void readsEveryEventOfTheGenuineArchivesAsTheTextOfItsLineParsesTo(String fixture) throws IOException {
        Path archive = Fixtures.archive(fixture);
        ObjectMapper json = ArchiveJson.mapper();
        long events = 0;
        try (ArchiveReader reader = ArchiveReader.open(archive);
                ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            for (String task : reader.eventTaskIds()) {
                List<ObjectNode> fromText = new ArrayList<>();
                for (String line : entryText(zip, EntityKind.eventsEntryName(task)).split("\n")) {
                    String stripped = JsonLines.strip(line);
                    if (!stripped.isEmpty()) {
                        fromText.add((ObjectNode) json.readTree(stripped));
                    }
                }
                try (CloseableIterator<ObjectNode> read = reader.events(task)) {
                    List<ObjectNode> fromBytes = read.stream().toList();
                    assertThat(fromBytes).as(task).isEqualTo(fromText);
                    assertThat(fromBytes.stream().map(ObjectNode::toString)).as(task)
                            .containsExactlyElementsOf(fromText.stream().map(ObjectNode::toString).toList());
                    events += fromBytes.size();
                }
            }
        }
        assertThat(events).isPositive();
    }

    @Test
    void readsARawUtf8LineAsTheSameEventAsItsEscapedTwin() throws IOException {
        List<ObjectNode> events = events(utf8("""
                [
                {"type": "log", "msg": "caf\\u00e9 \\ud83d\\ude00", "value": 1e-05, "iter": 12345678901234},
                {"type": "log", "msg": "caf\u00e9 \ud83d\ude00", "value": 1e-05, "iter": 12345678901234}
                ]"""));

        assertThat(events).hasSize(2);
        assertThat(events.get(1)).isEqualTo(events.get(0));
        assertThat(events.get(1).toString()).isEqualTo(events.get(0).toString());
    }

    @Test
    void readsBytesThatAreNoUtf8AsReplacementCharactersAsADecodedLineAlwaysDid() throws IOException {
        ByteArrayOutputStream entry = new ByteArrayOutputStream();
        entry.writeBytes(utf8("[\n{\"type\": \"log\", \"msg\": \"a"));
        entry.writeBytes(new byte[] {(byte) 0xC0, (byte) 0x80, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF});
        entry.writeBytes(utf8("b\"}\n]"));

        List<ObjectNode> events = events(entry.toByteArray());

        String decoded = new String(new byte[] {(byte) 0xC0, (byte) 0x80, (byte) 0xED, (byte) 0xA0, (byte) 0x80,
            (byte) 0xFF}, StandardCharsets.UTF_8);
        assertThat(events.get(0).path("msg").textValue()).isEqualTo("a" + decoded + "b");
    }

    @Test
    void refusesABrokenLineInTheSameWordsWhetherItIsAsciiOrNot() throws IOException {
        String ascii = messageFor("{\"type\": \"log\", \"msg\": \"e\", \"iter\": tru}");
        String other = messageFor("{\"type\": \"log\", \"msg\": \"\u00e9\", \"iter\": tru}");

        assertThat(ascii).contains("line 2", "not one JSON document");
        assertThat(other).isEqualTo(ascii);
    }

    private static String entryText(ZipFile zip, String name) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String messageFor(String line) throws IOException {
        Path archive = archive(utf8("[\n" + line + "\n]"));
        try (ArchiveReader reader = ArchiveReader.open(archive);
                CloseableIterator<ObjectNode> events = reader.events(TASK)) {
            Throwable refusal = catchThrowable(events::next);
            assertThat(refusal).isInstanceOf(ArchiveException.class);
            return refusal.getMessage().substring(refusal.getMessage().indexOf(", entry "));
        }
    }

    private List<ObjectNode> events(byte[] entry) throws IOException {
        try (ArchiveReader reader = ArchiveReader.open(archive(entry));
                CloseableIterator<ObjectNode> events = reader.events(TASK)) {
            return events.stream().toList();
        }
    }

    private Path archive(byte[] events) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(EntityKind.TASK.entryName(), utf8("[\n]"));
        entries.put(EntityKind.eventsEntryName(TASK), events);
        return TestZips.zipBytes(dir.resolve("events-" + System.nanoTime() + ".zip"), entries);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
