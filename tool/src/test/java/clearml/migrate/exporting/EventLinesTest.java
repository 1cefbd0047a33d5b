package clearml.migrate.exporting;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.archive.ArchiveJson;
import clearml.migrate.events.PlotCodec;
import clearml.migrate.links.FileServerUrls;
import clearml.migrate.links.LinkPlace;
import clearml.migrate.links.LinkTally;
import clearml.migrate.links.UrlMap;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Events copied from the engine's bytes (or as tokens, where the direct pass leaves them) come out exactly as the
 * tree they parse to, serialized as the archive writes events:
 * the reference is that tree path (parse with the engine's mapper, uncompress plots, rewrite links, write with
 * {@link ArchiveJson}), which the export used for every event before.
 */
class EventLinesTest {

    /** How the engine's answers are parsed: {@code NaN} allowed (the events package's mapper). */
    static final JsonMapper ENGINE = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    static final UrlMap MAP = UrlMap.of("http://localhost:8081", "https://files.new.io/");

    static final String[] EVENTS = {
        // floats as Python's repr writes them, and as other clients may have stored them
        "{\"type\":\"training_stats_scalar\",\"task\":\"t1\",\"iter\":3,\"value\":0.1,\"other\":1.0E-5,"
                + "\"big\":1e300,\"small\":5e-324,\"neg\":-0.0,\"nan\":NaN,\"inf\":-Infinity,\"whole\":2.0,\"exp\":1E16}",
        // integers of every width, booleans, null, nesting, arrays
        "{\"type\":\"training_stats_vector\",\"iter\":2147483648,\"n\":-7,\"huge\":123456789012345678901234567890,"
                + "\"value\":[1,2.5,[true,false,null],{\"a\":{\"b\":[]}}],\"empty\":{},\"model_event\":false}",
        // text with non-ASCII, escapes, control characters, and a nested "type" that must not count
        "{\"type\":\"log\",\"msg\":\"r\\u00e9sum\\u00e9 \u2713 \\\"quoted\\\" \\\\ \\/ tab\\tline\\nend \\ud83d\\ude00\",\"level\":\"info\","
                + "\"meta\":{\"type\":\"plot\",\"plot_data\":\"x\"}}",
        // a debug image whose URL the map rewrites
        "{\"timestamp\":1718000000000,\"type\":\"training_debug_image\",\"task\":\"t1\",\"iter\":1,\"metric\":\"m\","
                + "\"variant\":\"v\",\"key\":\"k\",\"url\":\"http://localhost:8081/p/t1/metrics/m/v/m_v_00000001.png\"}",
        // type after the URL
        "{\"url\":\"http://localhost:8081/a b.png\",\"iter\":0,\"type\":\"training_debug_image\"}",
        // a plot, plain and with an image source the map rewrites
        "{\"type\":\"plot\",\"iter\":0,\"plot_str\":\"{\\\"data\\\":[{\\\"source\\\":\\\"http://localhost:8081/img.png\\\"}]}\","
                + "\"plot_len\":47,\"source_urls\":[\"http://localhost:8081/img.png\"]}",
        // a plot stored compressed: written decompressed
        "{\"type\":\"plot\",\"iter\":1,\"plot_data\":\"" + PlotCodec.compress("{\"data\": [1.5, 2]}").replace("\n", "\\n")
                + "\",\"plot_len\":19}",
        // stored with whitespace, as another client may have sent it
        "{ \"type\" : \"log\" ,\n\t\"msg\" : \"a b\" , \"n\" : [ 1 , 2.50 ] ,\r\n \"o\" : { } }",
        // every escape form, control characters, DEL, raw UTF-8 of two, three and four bytes
        "{\"type\":\"log\",\"msg\":\"\\u0001\\u001f\\b\\f\\u007f\\u0080\\u00E9\\u00e9\\u2028 \u007f \u00e9\u20ac\ud83d\ude00"
                + " \\ud800 lone\"}",
        // floats at the edges of repr's positional form and of 15 significant digits; integers at their edges
        "{\"type\":\"training_stats_scalar\",\"a\":0.0001,\"b\":0.00001,\"c\":123456789012345.6,"
                + "\"d\":1234567890123456.7,\"e\":0.1000,\"f\":100.0,\"g\":1e16,\"h\":1.5E-7,\"i\":0.30000000000000004,"
                + "\"j\":2.5e+3,\"k\":9007199254740993.0,\"l\":-0.0001234,\"m\":999999999999999.0,\"n\":0.0,"
                + "\"o\":-0,\"p\":0,\"q\":-12,\"r\":9223372036854775808,\"s\":1E400,\"t\":0.1e1}",
        // a type that is not a string, and a debug image whose field names are escaped
        "{\"type\":5,\"iter\":1}",
        "{\"ty\\u0070e\":\"training_debug_image\",\"url\":\"http://localhost:8081/x.png\"}",
        // nested deeper than the direct pass follows
        "{\"type\":\"training_stats_vector\",\"value\":" + "[".repeat(70) + "1" + "]".repeat(70) + "}",
    };

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void copiesEveryEventAsItsTreeWouldBeWritten(boolean rewriteLinks) throws IOException {
        UrlMap map = rewriteLinks ? MAP : UrlMap.empty();
        for (String stored : EVENTS) {
            assertThat(copied(stored, map)).as(stored).isEqualTo(throughTree(stored, map));
        }
    }

    @Test
    void countsTheSameLinkChangesAsTheTreePath() throws IOException {
        assertThat(linkChanges(true)).isEqualTo(linkChanges(false)).isNotEmpty();
    }

    private static Map<LinkPlace, Long> linkChanges(boolean copy) throws IOException {
        LinkTally tally = new LinkTally(0);
        try (EventLines lines = new EventLines(new ExportLinks(MAP), references(), tally)) {
            for (String stored : EVENTS) {
                if (copy) {
                    byte[] bytes = stored.getBytes(StandardCharsets.UTF_8);
                    lines.copy(bytes, 0, bytes.length, (line, offset, length) -> { });
                } else {
                    lines.write((ObjectNode) ENGINE.readTree(stored), (bytes, offset, length) -> { });
                }
            }
        }
        Map<LinkPlace, Long> changed = new TreeMap<>(tally.counts());
        changed.values().removeIf(count -> count == 0);
        return changed;
    }

    private static String copied(String stored, UrlMap map) throws IOException {
        List<String> lines = new ArrayList<>();
        try (EventLines eventLines = new EventLines(new ExportLinks(map), references(), new LinkTally(0))) {
            // twice through one instance: the reused buffer and generator must not carry anything over
            byte[] bytes = (" " + stored + " ").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 2; i++) {
                eventLines.copy(bytes, 1, bytes.length - 2,
                        (line, offset, length) -> lines.add(new String(line, offset, length, StandardCharsets.US_ASCII)));
            }
        }
        assertThat(lines.get(1)).isEqualTo(lines.get(0));
        return lines.get(0);
    }

    private static String throughTree(String stored, UrlMap map) throws IOException {
        ObjectNode event = PlotCodec.toExported((ObjectNode) ENGINE.readTree(stored));
        new ExportLinks(map).event(event, new LinkTally(0));
        return new String(ArchiveJson.mapper().writeValueAsBytes(event), StandardCharsets.US_ASCII);
    }

    private static ArtifactReferences references() {
        return new ArtifactReferences(null, FileServerUrls.heuristic());
    }
}
