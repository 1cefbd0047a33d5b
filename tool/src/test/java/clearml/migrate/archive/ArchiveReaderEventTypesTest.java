package clearml.migrate.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.failures.ArchiveException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading only the events' types gives what reading whole events gives, and refuses the same lines. */
class ArchiveReaderEventTypesTest {

    private static final String TASK = "t0000000000000000000000000000001";

    @TempDir
    Path dir;

    @Test
    void givesEachEventsTopLevelTypeAsTheWholeEventHoldsItInTheRichGenuineArchive() {
        try (ArchiveReader reader = ArchiveReader.open(Fixtures.archive(Fixtures.RICH))) {
            for (String task : reader.eventTaskIds()) {
                try (CloseableIterator<ObjectNode> events = reader.events(task);
                        CloseableIterator<JsonNode> types = reader.eventTypes(task)) {
                    assertThat(types.stream().toList()).as(task)
                            .isEqualTo(events.stream().map(event -> event.path("type")).toList());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"type\": \"log\", \"msg\": \"x\"}                                   | log",
        "{\"plot\": {\"type\": \"scatter\"}, \"type\": \"plot\"}                | plot",
        "{\"iter\": 1, \"value\": NaN, \"type\": \"training_stats_scalar\"}     | training_stats_scalar",
        "{\"metric\": \"m\"}                                                   | <missing>",
        "{\"type\": 3}                                                         | <not text>",
    })
    void readsTheTopLevelTypeOnly(String line, String expected) throws IOException {
        try (ArchiveReader reader = ArchiveReader.open(archiveWith(line));
                CloseableIterator<JsonNode> types = reader.eventTypes(TASK)) {
            JsonNode type = types.next();
            assertThat(type.isMissingNode() ? "<missing>" : type.isTextual() ? type.textValue() : "<not text>")
                    .isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"type\": \"log\"                 | not one JSON document",
        "42                                   | not a JSON object",
        "{\"type\": \"log\"} {\"a\": 1}       | not one JSON document",
        "{\"type\": \"log\", \"msg\": tru}   | not one JSON document",
    })
    void refusesALineTheWholeEventReadingRefuses(String line, String problem) throws IOException {
        Path archive = archiveWith(line);
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            for (CloseableIterator<?> iterator : List.of(reader.eventTypes(TASK), reader.events(TASK))) {
                assertThatThrownBy(iterator::next).isInstanceOf(ArchiveException.class)
                        .hasMessageContaining(EntityKind.eventsEntryName(TASK)).hasMessageContaining("line 2")
                        .hasMessageContaining(problem);
            }
        }
    }

    private Path archiveWith(String line) throws IOException {
        return TestZips.zip(dir.resolve("events.zip"), Map.of(EntityKind.TASK.entryName(), "[\n]",
                EntityKind.eventsEntryName(TASK), "[\n" + line + "\n]"));
    }
}
