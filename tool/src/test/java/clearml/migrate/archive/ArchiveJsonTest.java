package clearml.migrate.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ArchiveJsonTest {

    private final ObjectMapper json = ArchiveJson.mapper();

    @Test
    void writesCompactRapidjsonTextWithUpperCaseEscapesAndBareNaN() throws Exception {
        ObjectNode event = json.createObjectNode().put("z", "Détection ✓").put("a", Double.NaN)
                .put("b", Double.NEGATIVE_INFINITY).put("c", 1e-05).put("d", 0.0001).put("e", 3);

        assertThat(json.writeValueAsString(event)).isEqualTo(
                "{\"z\":\"D\\u00E9tection \\u2713\",\"a\":NaN,\"b\":-Infinity,\"c\":1e-05,\"d\":0.0001,\"e\":3}");
    }

    @Test
    void readsNonFiniteNumbersAndKeepsKeyOrder() throws Exception {
        ObjectNode event = (ObjectNode) json.readTree("{\"z\":NaN,\"a\":Infinity,\"m\":-Infinity}");

        assertThat(event.fieldNames()).toIterable().containsExactly("z", "a", "m");
        assertThat(event.get("z").doubleValue()).isNaN();
        assertThat(event.get("m").doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
