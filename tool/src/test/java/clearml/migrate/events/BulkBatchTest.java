package clearml.migrate.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The action lines a bulk body holds are the JSON a serialized tree gives, escapes included, back to back in the
 * batch's buffer.
 */
class BulkBatchTest {

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
        "events-log-7f3c2e1a9b8d4c6e8f0a1b2c3d4e5f60 | 0123456789abcdef0123456789abcdef",
        "events-training_stats_scalar-c1         | id with \"quotes\" and \\ backslash",
        "events-plot-c1                          | tab\there, é and \u2028 and \u0001",
        "events-plot-c1                          | ~ and \u007f, the edges of plain ASCII",
    })
    void indexAndDeleteHeadersAreTheSerializedTreesBytes(String index, String id) {
        ObjectNode source = ElasticJson.MAPPER.createObjectNode().put("metric", "loss").put("value", 0.5);

        assertThat(text(BulkBatch.indexAction(index, id, source)))
                .isEqualTo(tree("index", index, id) + "\n" + source + "\n");
        assertThat(text(BulkBatch.indexAction(index, id, ElasticJson.bytes(source))))
                .isEqualTo(tree("index", index, id) + "\n" + source + "\n");
        assertThat(text(BulkBatch.deleteAction(index, id))).isEqualTo(tree("delete", index, id) + "\n");
    }

    @Test
    void holdsItsActionsBackToBackAndCopiesOneOutExactlyEvenPastItsBuffer() {
        BulkBatch batch = new BulkBatch(new byte[8]);
        batch.add(ascii("first\n"), "i1", "a");
        batch.add(ascii("second, longer than the buffer\n"), "i2", "b");
        batch.add(ascii("third\n"), "i3", "c");
        BulkBatch again = new BulkBatch();
        again.addFrom(batch, 1);
        again.addFrom(batch, 2);

        assertThat(new String(batch.buffer(), 0, (int) batch.bytes(), StandardCharsets.US_ASCII))
                .isEqualTo("first\nsecond, longer than the buffer\nthird\n");
        assertThat(new String(again.buffer(), 0, (int) again.bytes(), StandardCharsets.US_ASCII))
                .isEqualTo("second, longer than the buffer\nthird\n");
        assertThat(List.of(again.size(), again.index(0), again.id(0), again.index(1), again.id(1)))
                .containsExactly(2, "i2", "b", "i3", "c");
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
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
