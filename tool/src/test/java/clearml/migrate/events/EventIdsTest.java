package clearml.migrate.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected ids were computed with CPython 3 running ClearML's {@code _get_event_id} expression. */
class EventIdsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"task\":\"f3c9\",\"iter\":5,\"metric\":\"loss\",\"variant\":\"train\",\"value\":0.7} | 8700d17fe513a9baa856bf59c19b2cc6",
        "{\"task\":\"f3c9\",\"iter\":5,\"metric\":\"\",\"variant\":\"\"} | 76ee0878493880de6d982b8c68babb8e",
        "{\"task\":\"t1\",\"iter\":0,\"metric\":\"val\",\"variant\":\"img\",\"key\":\"a/b/val_img_00000000.png\"} | 47f946508bff5ce866d7243946c74470",
        "{\"task\":\"t1\",\"metric\":\"m\",\"variant\":\"v\"} | 827dd977e842e063cc16cd03a9a75cdd",
        "{\"task\":\"t1\",\"iter\":12345678901234567890,\"metric\":\"m\",\"variant\":\"v\"} | cd33ba0840118c412b2169b37707ac59",
        "{\"task\":\"t1\",\"iter\":-9007199254740993,\"metric\":\"m\",\"variant\":\"v\"} | 6c269c3693d3e6956a056e01b33742fe",
        "{\"task\":\"t1\",\"iter\":-3,\"metric\":\"Größe\",\"variant\":\"日本\"} | d7e4d21e181bea59690acdfb9cbc6bfa",
        "{\"task\":\"t1\",\"iter\":5.0,\"metric\":true,\"variant\":null} | f0db06af19394e8cd7e71844c7a6a3a2",
        "{\"task\":\"t1\",\"iter\":1e-05,\"metric\":1e16,\"variant\":123456.789,\"key\":0.0001} | 377073c3e9ffd01bc4cf8d9afe71d76e",
        "{\"task\":\"t1\",\"iter\":2e23,\"metric\":\"m\",\"variant\":\"v\"} | 655bed10f3b943af12864075c71eff46",
        "{\"task\":\"t1\",\"iter\":12345678901234567890,\"metric\":-0.0,\"variant\":1.5e300,\"key\":0.1} | adb4a81eaaca4d30ac577a6f3b8df15f",
    })
    void computesClearmlMetricEventIdAsPythonDoes(String event, String expectedId) throws JsonProcessingException {
        assertThat(EventIds.metricEventId((ObjectNode) JSON.readTree(event))).isEqualTo(expectedId);
    }

    @Test
    void refusesContainersInIdFields() {
        ObjectNode event = JSON.createObjectNode().put("task", "t1");
        event.putObject("metric").put("a", 1);
        assertThatThrownBy(() -> EventIds.metricEventId(event))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OBJECT");
    }

    @Test
    void logIdIsStableAcrossRunsAndDistinctForIdenticalLinesAtOtherPositions() {
        String line = "{\"type\":\"log\",\"msg\":\"epoch done\"}";
        String first = EventIds.logEventId("t1", 7, line);

        assertThat(first).matches("[0-9a-f]{32}").isEqualTo(EventIds.logEventId("t1", 7, line));
        assertThat(EventIds.logEventId("t1", 8, line)).isNotEqualTo(first);
        assertThat(EventIds.logEventId("t2", 7, line)).isNotEqualTo(first);
        assertThat(EventIds.logEventId("t1", 7, line.replace("done", "begun"))).isNotEqualTo(first);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "t1 | 0 | {\"type\":\"log\",\"msg\":\"epoch 1 done\"}",
        "3f2a0c | 123456789 | {\"msg\":\"époque 3 terminée: perte ↓\"}",
        "'' | 0 | ''"})
    void logIdIsTheVersion3UuidOfItsNameInUuidHexShape(String task, long position, String content) {
        String name = "clearml-migrate log event\u0000" + task + '\u0000' + position + '\u0000' + content;

        assertThat(EventIds.logEventId(task, position, content)).isEqualTo(
                UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString().replace("-", ""));
    }

    @Test
    void logIdOverAnEventIsTheIdOverItsCompactJson() throws JsonProcessingException {
        String line = "{\"type\":\"log\",\"msg\":\"x\",\"level\":\"info\"}";
        assertThat(EventIds.logEventId("t", 0, JSON.readTree(line))).isEqualTo(EventIds.logEventId("t", 0, line));
    }
}
