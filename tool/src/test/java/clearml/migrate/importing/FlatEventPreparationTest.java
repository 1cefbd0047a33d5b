package clearml.migrate.importing;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.archive.ArchiveJson;
import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.ArchivedEvent;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.importing.EventPreparation.PreparedEvent;
import clearml.migrate.links.UrlMap;
import clearml.migrate.mongo.ServerGeneration;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The flat path held against the tree path it stands in for: each event is prepared both ways, and where the flat
 * path takes it, the two must give the same type, index, id and statistics, and the flat bytes must be exactly what
 * the bulk writer's Jackson writes for the tree. The events are every one of ClearML's genuine archives and lines
 * built to reach each rule, and which of those lines the flat path takes is asserted too, so that a flat path that
 * declined everything could not pass.
 */
class FlatEventPreparationTest {

    /** The bulk writer's serialization ({@code events.ElasticJson}). */
    private static final ObjectMapper BULK =
            JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final ObjectMapper ARCHIVE = ArchiveJson.mapper();
    private static final Path FIXTURES = Path.of("..", "..", "shared", "fixtures");
    private static final String TASK = "0123456789abcdef0123456789abcdef";
    private static final String BASE = "\"timestamp\":1700000000000,\"task\":\"src-task\",\"iter\":3,"
            + "\"metric\":\"loss\",\"variant\":\"train\",\"worker\":\"w1\",\"model_event\":false,"
            + "\"@timestamp\":\"2023-11-14T22:13:20.000Z\",\"company_id\":\"src-company\"";

    /** Lines the flat path takes: one per rule it applies. */
    private static final List<String> TAKEN = List.of(
            "{\"type\":\"training_stats_scalar\"," + BASE + ",\"value\":0.5}",
            "{\"type\":\"training_stats_scalar\"," + BASE + ",\"value\":1e-05}",
            "{\"type\":\"training_stats_scalar\"," + BASE + ",\"value\":-0.0}",
            "{\"type\":\"training_stats_scalar\"," + BASE + ",\"value\":1.0E23}",
            "{\"type\":\"training_stats_scalar\"," + BASE + ",\"value\":2.5e-320}",
            "{\"type\":\"training_stats_scalar\"," + BASE + ",\"value\":3}",
            "{\"type\":\"training_stats_scalar\"," + BASE + ",\"value\":-0}",
            "{\"type\":\"training_stats_scalar\"," + BASE + ",\"value\":12345678901}",
            "{\"type\":\"training_stats_scalar\"," + BASE + ",\"value\":\"text\"}",
            "{\"type\":\"training stats scalar\"," + BASE + ",\"value\":1.25}",
            "{\"x_axis_label\":\"epoch\",\"type\":\"training_stats_scalar\"," + BASE + ",\"value\":0.25}",
            "{\"type\":\"training_stats_scalar\"," + BASE + ",\"x_axis_label\":null,\"value\":0.75}",
            "{\"type\":\"training_stats_scalar\",\"timestamp\":1700000000001,\"value\":7}",
            "{\"type\":\"training_stats_scalar\",\"timestamp\":1700000000002,\"metric\":null,\"variant\":null,"
                    + "\"worker\":null,\"iter\":null,\"value\":8}",
            "{\"type\":\"training_stats_scalar\",\"timestamp\":1700000000003,\"iter\":9007199254740993,\"value\":1}",
            " { \"type\" : \"log\" , \"timestamp\" : 1700000000004 , \"msg\" : \"spaced\" } ",
            "{\"type\":\"log\"," + BASE + ",\"level\":\"info\",\"msg\":\"line1\\nline2 \\\"q\\\" \\\\ \\/ "
                    + "\\u00e9t\\u00E9 \\u2193 \\t\\u0001\\u007f\"}",
            "{\"type\":\"log\"," + BASE + ",\"level\":\"info\",\"msg\":\"plain \\u0000 end\"}",
            "{\"type\":\"training_debug_image\"," + BASE + ",\"key\":\"a/b.png\",\"url\":\"http://f:8081/a/b.png\"}",
            "{\"type\":\"training_debug_image\"," + BASE + ",\"key\":1.5,\"url\":null}",
            "{\"type\":\"training_debug_image\"," + BASE + ",\"key\":true}",
            "{\"type\":\"training_debug_image\"," + BASE + ",\"key\":null}",
            "{\"type\":\"training_stats_scalar\",\"timestamp\":1700000000005,\"\\u0061b\":1,\"value\":2}");

    /** Lines the flat path leaves to the tree: one per reason. */
    private static final List<String> DECLINED = List.of(
            "{\"type\":\"plot\"," + BASE + ",\"plot_str\":\"{}\"}",
            "{\"type\":\"training_stats_scalar\",\"ts\":1700000000000,\"value\":1}",
            "{\"type\":\"training_stats_scalar\"," + BASE + ",\"values\":1}",
            "{\"type\":\"training_stats_scalar\",\"timestamp\":1700000000000,\"iter\":3.0,\"value\":1}",
            "{\"type\":\"training_stats_scalar\",\"timestamp\":1700000000000,\"iter\":\"5\",\"value\":1}",
            "{\"type\":\"training_stats_scalar\",\"iter\":5,\"value\":1}",
            "{\"type\":\"training_stats_scalar\",\"timestamp\":1.7e12,\"value\":1}",
            "{\"type\":\"training_stats_scalar\",\"timestamp\":1700000000000,\"metric\":5,\"value\":1}",
            "{\"type\":\"training_stats_vector\"," + BASE + ",\"value\":[1,2]}",
            "{\"type\":\"training_stats_scalar\"," + BASE + ",\"value\":NaN}",
            "{\"type\":\"training_stats_scalar\"," + BASE + ",\"value\":-Infinity}",
            "{\"type\":\"training_stats_scalar\"," + BASE + ",\"value\":1e400}",
            "{\"type\":\"training_stats_scalar\"," + BASE + ",\"value\":1,\"value\":2}",
            "{\"type\":\"log\"," + BASE + ",\"worker\":\"a\",\"msg\":\"m\",\"worker\":\"b\"}",
            "{\"type\":\"training_stats_scalar\"," + BASE + ",\"value\":1234567890123456789012}",
            "{\"type\":\"log\"," + BASE + ",\"msg\":\"\\ud83d\\ude00\"}",
            "{\"type\":\"log\"," + BASE + ",\"extra\":{\"a\":1}}",
            "{\"type\":7," + BASE + "}",
            "{\"type\":\"log\"," + BASE + ",\"msg\":\"" + "x".repeat(FlatEventPreparation.MAX_LINE_BYTES) + "\"}",
            "[{\"type\":\"log\"," + BASE + "}]");

    @ParameterizedTest
    @EnumSource(ServerGeneration.class)
    void linesBuiltForEachRuleComeOutAsTheTreeWayMakesThem(ServerGeneration generation) throws IOException {
        Comparison comparison = new Comparison(generation);
        for (String line : TAKEN) {
            assertThat(comparison.compare(TASK, ascii(line))).as(line).isTrue();
        }
        for (String line : DECLINED) {
            assertThat(comparison.compare(TASK, ascii(line))).as(line).isFalse();
        }
        comparison.assertSameStatistics();
    }

    @ParameterizedTest
    @EnumSource(ServerGeneration.class)
    void everyEventOfClearmlsOwnArchivesComesOutAsTheTreeWayMakesIt(ServerGeneration generation) throws IOException {
        long taken = 0;
        long events = 0;
        try (Stream<Path> zips = Files.find(FIXTURES, 2, (path, attributes) -> path.toString().endsWith(".zip"))) {
            for (Path zip : zips.toList()) {
                try (ArchiveReader reader = ArchiveReader.open(zip)) {
                    for (String taskId : reader.eventTaskIds()) {
                        Comparison comparison = new Comparison(generation);
                        try (CloseableIterator<ArchivedEvent> lines = reader.eventLines(taskId)) {
                            while (lines.hasNext()) {
                                ArchivedEvent event = lines.next();
                                events++;
                                if (event.ascii() && comparison.compare(taskId, new Line(event.bytes(),
                                        event.offset(), event.length()))) {
                                    taken++;
                                }
                            }
                        }
                        comparison.assertSameStatistics();
                    }
                }
            }
        }
        assertThat(events).isGreaterThan(20);
        assertThat(taken).as("events the flat path took").isGreaterThan(events / 2);
    }

    @Test
    void aUrlMapSendsDebugImagesTheTreeWayAndTheirUrlsAreRewritten() {
        EventPreparation preparation = new EventPreparation("target", ServerGeneration.V2,
                UrlMap.parse(List.of("http://f:8081=https://files.example.com")), Clock.systemUTC());
        EventStatistics statistics = new EventStatistics(ServerGeneration.V2, false);

        PreparedEvent image = preparation.prepare(TASK, 0, archived(TAKEN.get(18)), statistics);
        PreparedEvent scalar = preparation.prepare(TASK, 1, archived(TAKEN.get(0)), statistics);

        assertThat(image.json()).isNull();
        assertThat(image.source().path("url").asText()).isEqualTo("https://files.example.com/a/b.png");
        assertThat(preparation.linksRewritten()).isEqualTo(1);
        assertThat(scalar.json()).as("a scalar holds no link place").isNotNull();
    }

    /** Both paths over the same events, each folding into statistics of its own. */
    private static final class Comparison {
        private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
        private final EventPreparation tree;
        private final FlatEventPreparation flat;
        private final EventStatistics treeStatistics;
        private final EventStatistics flatStatistics;
        private long position;

        Comparison(ServerGeneration generation) {
            tree = new EventPreparation("Target-Company", generation, UrlMap.empty(), clock);
            flat = new FlatEventPreparation("Target-Company", generation, EventPreparation::isoMillis, Set.of());
            treeStatistics = new EventStatistics(generation, false);
            flatStatistics = new EventStatistics(generation, false);
        }

        /** True when the flat path took the event, and then gave what the tree path gives. */
        boolean compare(String taskId, Line line) throws IOException {
            long at = position++;
            PreparedEvent fromBytes = flat.prepare(taskId, at, line.bytes(), line.offset(), line.length(),
                    flatStatistics);
            ObjectNode parsed = parse(line);
            if (parsed == null || !parsed.path("type").isTextual() || !knownType(parsed)) {
                assertThat(fromBytes).isNull();
                return false;
            }
            PreparedEvent fromTree = tree.prepare(taskId, at, parsed, treeStatistics);
            if (fromBytes == null) {
                tree.prepare(taskId, at, parse(line), flatStatistics); // the import folds it the tree way
                return false;
            }
            assertThat(fromBytes.type()).isEqualTo(fromTree.type());
            assertThat(fromBytes.index()).isEqualTo(fromTree.index());
            assertThat(fromBytes.id()).isEqualTo(fromTree.id());
            assertThat(fromBytes.source()).isNull();
            assertThat(new String(fromBytes.json(), StandardCharsets.UTF_8))
                    .isEqualTo(BULK.writeValueAsString(fromTree.source()));
            return true;
        }

        void assertSameStatistics() {
            assertThat(flatStatistics.lastMetrics()).isEqualTo(treeStatistics.lastMetrics());
            assertThat(flatStatistics.metricStats()).isEqualTo(treeStatistics.metricStats());
            assertThat(flatStatistics.uniqueMetrics()).isEqualTo(treeStatistics.uniqueMetrics());
            assertThat(flatStatistics.lastIteration()).isEqualTo(treeStatistics.lastIteration());
        }

        private static boolean knownType(ObjectNode event) {
            try {
                clearml.migrate.events.EventType.fromValue(event.path("type").asText());
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        private static ObjectNode parse(Line line) {
            try {
                return ARCHIVE.readTree(line.bytes(), line.offset(), line.length()) instanceof ObjectNode object
                        ? object : null;
            } catch (IOException e) {
                return null;
            }
        }
    }

    private record Line(byte[] bytes, int offset, int length) {
    }

    private static Line ascii(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
        return new Line(bytes, 0, bytes.length);
    }

    private static ArchivedEvent archived(String text) {
        byte[] line = text.getBytes(StandardCharsets.US_ASCII);
        return ArchivedEvent.ofAscii(line, 0, line.length, () -> parseOrFail(line));
    }

    private static ObjectNode parseOrFail(byte[] line) {
        try {
            return (ObjectNode) ARCHIVE.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
