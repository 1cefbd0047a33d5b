package clearml.migrate.exporting;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.archive.ArchiveJson;
import clearml.migrate.events.PlotCodec;
import clearml.migrate.links.FileServerUrls;
import clearml.migrate.links.LinkPlace;
import clearml.migrate.links.LinkTally;
import clearml.migrate.links.UrlMap;
import com.fasterxml.jackson.core.JsonParser;
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
 * Events copied as tokens come out exactly as the tree they parse to, serialized as the archive writes events:
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
                    lines.copy(parserOn(stored), (bytes, offset, length) -> { });
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
            for (int i = 0; i < 2; i++) {
                eventLines.copy(parserOn(stored),
                        (bytes, offset, length) -> lines.add(new String(bytes, offset, length, StandardCharsets.US_ASCII)));
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

    private static JsonParser parserOn(String stored) throws IOException {
        JsonParser parser = ENGINE.createParser(stored.getBytes(StandardCharsets.UTF_8));
        parser.nextToken();
        return parser;
    }

    private static ArtifactReferences references() {
        return new ArtifactReferences(null, FileServerUrls.heuristic());
    }
}
