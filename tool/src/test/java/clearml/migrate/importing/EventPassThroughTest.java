package clearml.migrate.importing;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.archive.ArchiveJson;
import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.importing.EventPreparation.PreparedEvent;
import clearml.migrate.links.UrlMap;
import clearml.migrate.mongo.ServerGeneration;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte path of event preparation against the tree path, event for event: the same type, index, id and stored
 * bytes, and the same statistics folded, on every event of the genuine ClearML archives and on hand-made events
 * that either path must meet; and which events the byte path takes, so that it is not silently never taken.
 */
class EventPassThroughTest {

    private static final ObjectMapper ARCHIVE = ArchiveJson.mapper();
    private static final ObjectMapper PLAIN = new ObjectMapper(); // writes as the bulk writer does
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    private static final UrlMap URL_MAP = UrlMap.of("http://files.old:8081", "http://files.new:8081");

    @ParameterizedTest
    @CsvSource({"clearml-server-2.0.0, V2, false", "clearml-server-2.0.0-rich, V2, false",
            "clearml-server-2.0.0-rich, V1, false", "clearml-server-2.0.0-rich, V2, true"})
    void preparesEveryEventOfAGenuineArchiveAsTheTreePathDoes(String fixture, ServerGeneration generation,
            boolean urlMap) throws Exception {
        long passed = 0;
        long events = 0;
        try (ArchiveReader reader = ArchiveReader.open(fixture(fixture))) {
            for (String task : reader.eventTaskIds()) {
                List<String> lines = lines(reader, task);
                passed += sameBothWays("target-" + task, lines, generation, urlMap ? URL_MAP : UrlMap.empty());
                events += lines.size();
            }
        }
        assertThat(events).isPositive();
        assertThat(passed).as("events taken as bytes").isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'task':'t','type':'training_stats_scalar','timestamp':1700000000000,'iter':3,'metric':'loss','variant':'train','value':0.25,'worker':'w','model_event':false,'@timestamp':'2023-11-14T22:13:20.000Z'}",
        "{'task':'t','type':'log','timestamp':1,'iter':0,'metric':'','variant':'','level':'info','msg':'\\u00e9poque ↓ \\\"q\\\"','worker':'w','model_event':false,'@timestamp':'x','company_id':'old'}",
        "{'company_id':'old','task':'t','type':'training_stats_vector','timestamp':2,'iter':null,'metric':'h','variant':'w','value':[1.50,1e3,-0.0,NaN],'worker':'w','model_event':true,'@timestamp':'x'}",
        "{'task':'t','type':'training_stats_scalar','timestamp':'3','iter':12345678901234567890,'metric':'m','variant':'v','value':NaN,'worker':'w','model_event':false,'@timestamp':'x'}",
        "{'task':'t','type':'training_debug_image','timestamp':4,'iter':1,'metric':'m','variant':'v','key':'a/b.png','url':'http://files.old:8081/a/b.png','worker':'w','model_event':false,'@timestamp':'x'}",
        "{'task':'t','type':'training_stats_scalar','timestamp':5,'iter':2,'metric':3,'variant':true,'value':7,'worker':'w','model_event':false,'@timestamp':'x'}"})
    void takesAsBytesTheEventsThatNeedNoTree(String event) throws Exception {
        for (ServerGeneration generation : ServerGeneration.values()) {
            assertThat(sameBothWays("t2", List.of(json(event)), generation, UrlMap.empty())).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'task':'t','type':'training_stats_scalar','ts':1,'iter':3,'metric':'loss','variant':'train','value':0.25,'worker':'w','model_event':false,'@timestamp':'x'}",
        "{'task':'t','type':'training_stats_vector','timestamp':1,'iter':3,'metric':'h','variant':'w','values':[1],'worker':'w','model_event':false,'@timestamp':'x'}",
        "{'task':'t','type':'training_stats_scalar','timestamp':1,'iter':3.0,'metric':'m','variant':'v','value':1,'worker':'w','model_event':false,'@timestamp':'x'}",
        "{'task':'t','type':'training_stats_scalar','timestamp':1,'iter':'7','metric':'m','variant':'v','value':1,'worker':'w','model_event':false,'@timestamp':'x'}",
        "{'task':'t','type':'training_stats_scalar','timestamp':1,'iter':1,'metric':'m','metric':'n','variant':'v','value':1,'worker':'w','model_event':false,'@timestamp':'x'}",
        "{'task':'t','type':'training_stats_scalar','timestamp':1,'iter':1,'metric':'m','variant':'v','value':1,'worker':'w','model_event':false,'@timestamp':'x','extra':{'a':1,'a':2}}",
        "{'task':'t','type':'training_stats_scalar','timestamp':1,'iter':1,'metric':'m','variant':'v','value':1,'worker':'w','model_event':false,'@timestamp':'x','x_axis_label':'epoch'}",
        "{'task':'t','type':'training stats scalar','timestamp':1,'iter':1,'metric':'m','variant':'v','value':1,'worker':'w','model_event':false,'@timestamp':'x'}",
        "{'task':'t','type':'training_stats_scalar','iter':1,'metric':'m','variant':'v','value':1,'worker':'w','model_event':false,'@timestamp':'x'}",
        "{'task':'t','type':'training_stats_scalar','timestamp':1,'iter':1,'metric':null,'variant':'v','value':1,'worker':'w','model_event':false,'@timestamp':'x'}",
        "{'task':'t','type':'training_stats_scalar','timestamp':1,'iter':1,'metric':'m','variant':'v','value':1,'worker':null,'model_event':false,'@timestamp':'x'}",
        "{'task':'t','type':'training_stats_scalar','timestamp':1,'iter':1,'metric':'m','variant':'v','value':1,'model_event':false,'@timestamp':'x'}",
        "{'task':'t','type':'training_stats_scalar','timestamp':1,'iter':1,'metric':'m','variant':'v','value':1,'worker':'w','@timestamp':'x'}",
        "{'task':'t','type':'training_stats_scalar','timestamp':1,'iter':1,'metric':'m','variant':'v','value':1,'worker':'w','model_event':false}",
        "{'type':'training_stats_scalar','timestamp':1,'iter':1,'metric':'m','variant':'v','value':1,'worker':'w','model_event':false,'@timestamp':'x'}",
        "{'task':'t','type':'plot','timestamp':1,'iter':1,'metric':'m','variant':'v','plot_str':'{}','worker':'w','model_event':false,'@timestamp':'x'}"})
    void leavesToTheTreePathTheEventsItWouldChangeOtherwise(String event) throws Exception {
        for (ServerGeneration generation : ServerGeneration.values()) {
            assertThat(sameBothWays("t2", List.of(json(event)), generation, UrlMap.empty())).isZero();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'task':'t','type':'training_debug_image','timestamp':4,'iter':1,'metric':'m','variant':'v','key':'a/b.png','url':'http://files.old:8081/a/b.png','worker':'w','model_event':false,'@timestamp':'x'} | 0",
        "{'task':'t','type':'log','timestamp':1,'iter':0,'metric':'','variant':'','msg':'http://files.old:8081/a','worker':'w','model_event':false,'@timestamp':'x'} | 1"})
    void leavesToTheTreePathTheTypesWhoseLinksAUrlMapRewrites(String event, long passed) throws Exception {
        assertThat(sameBothWays("t2", List.of(json(event)), ServerGeneration.V2, URL_MAP)).isEqualTo(passed);
    }

    /** Prepares the lines both ways; returns how many the byte path took. */
    private static long sameBothWays(String taskId, List<String> lines, ServerGeneration generation, UrlMap urlMap)
            throws Exception {
        EventPreparation trees = new EventPreparation("c0ffee", generation, urlMap, CLOCK);
        EventPreparation bytes = new EventPreparation("c0ffee", generation, urlMap, CLOCK);
        EventStatistics treeStatistics = new EventStatistics(generation, false);
        EventStatistics byteStatistics = new EventStatistics(generation, false);
        long passed = 0;
        for (int position = 0; position < lines.size(); position++) {
            String line = lines.get(position);
            PreparedEvent tree = trees.prepare(taskId, position, (ObjectNode) ARCHIVE.readTree(line), treeStatistics);
            PreparedEvent fast = bytes.prepare(taskId, position, line, byteStatistics);
            byte[] stored = fast.bytes() != null ? fast.bytes() : PLAIN.writeValueAsBytes(fast.source());
            assertThat(List.of(fast.type(), fast.index(), fast.id())).as(line)
                    .isEqualTo(List.of(tree.type(), tree.index(), tree.id()));
            assertThat(new String(stored, StandardCharsets.UTF_8)).as(line)
                    .isEqualTo(new String(PLAIN.writeValueAsBytes(tree.source()), StandardCharsets.UTF_8));
            passed += fast.bytes() != null ? 1 : 0;
        }
        assertThat(byteStatistics.lastMetrics()).isEqualTo(treeStatistics.lastMetrics());
        assertThat(byteStatistics.metricStats()).isEqualTo(treeStatistics.metricStats());
        assertThat(byteStatistics.uniqueMetrics()).isEqualTo(treeStatistics.uniqueMetrics());
        assertThat(byteStatistics.lastIteration()).isEqualTo(treeStatistics.lastIteration());
        assertThat(bytes.linksRewritten()).isEqualTo(trees.linksRewritten());
        return passed;
    }

    private static List<String> lines(ArchiveReader reader, String task) {
        try (CloseableIterator<String> lines = reader.eventLines(task).orElseThrow()) {
            List<String> all = new ArrayList<>();
            lines.forEachRemaining(all::add);
            return all;
        }
    }

    private static Path fixture(String name) throws IOException {
        Path dir = Path.of(System.getProperty("clearml.fixtures", "../../shared/fixtures")).resolve(name);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
        }
    }

    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }
}
