package clearml.migrate.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The action lines a bulk body holds are the JSON a serialized tree gives, escapes included. */
class BulkBatchTest {

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
        "events-log-7f3c2e1a9b8d4c6e8f0a1b2c3d4e5f60 | 0123456789abcdef0123456789abcdef",
        "events-training_stats_scalar-c1         | id with \"quotes\" and \\ backslash",
        "events-plot-c1                          | tab\there, é and \u2028 and \u0001",
    })
    void indexAndDeleteHeadersAreTheSerializedTreesBytes(String index, String id) {
        ObjectNode source = ElasticJson.MAPPER.createObjectNode().put("metric", "loss").put("value", 0.5);

        assertThat(text(BulkBatch.indexAction(index, id, source)))
                .isEqualTo(tree("index", index, id) + "\n" + source + "\n");
        assertThat(text(BulkBatch.deleteAction(index, id))).isEqualTo(tree("delete", index, id) + "\n");
    }

    private static String tree(String operation, String index, String id) {
        ObjectNode header = ElasticJson.MAPPER.createObjectNode();
        header.putObject(operation).put("_index", index).put("_id", id);
        return new String(ElasticJson.bytes(header), StandardCharsets.UTF_8);
    }

    private static String text(byte[] action) {
        return new String(action, StandardCharsets.UTF_8);
    }
}
