package clearml.migrate.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The digest an import computes from the events it would write (trees) equals the digest of the same events read
 * back from the engine (bytes as {@code _bulk} sent them), whatever the order; one changed field, id or event
 * changes it.
 */
class EventDigestTest {

    @Test
    void theOrderOfEventsAndOfFieldsDoesNotCount() throws IOException {
        EventDigest written = new EventDigest();
        written.add("a", event("t", 1).put("value", 0.5));
        written.add("b", event("t", 2).put("value", 1.5));

        EventDigest stored = new EventDigest();
        stored.add("b", parser("{\"value\": 1.50, \"iter\": 2, \"task\": \"t\", \"metric\": \"m\"}"));
        stored.add("a", parser("{\"metric\":\"m\",\"task\":\"t\",\"iter\":1,\"value\":5e-1}"));

        assertThat(stored).isEqualTo(written);
        assertThat(stored.count()).isEqualTo(2);
    }

    static List<ObjectNode> awkwardValues() {
        ObjectNode nested = event("t", 3);
        nested.putArray("list").add(1).add("two").add(3.25).addNull().add(true).addObject().put("deep", -0.0);
        return List.of(
                event("t", 1).put("value", Double.NaN),
                event("t", 1).put("value", Double.POSITIVE_INFINITY),
                event("t", 1).put("value", Double.NEGATIVE_INFINITY),
                event("t", 1).put("value", 0.1f),
                event("t", 1).put("value", 1e-320),
                event("t", 1).put("iter", BigInteger.valueOf(42)),
                event("t", 1).put("iter", new BigInteger("123456789012345678901234567890")),
                event("t", 1).put("value", new BigDecimal("0.30000000000000004")),
                event("t", 1).put("iter", Long.MIN_VALUE),
                event("t", 1).put("msg", "ünïcödé \u2028 \"quoted\" \\"),
                nested);
    }

    @ParameterizedTest
    @MethodSource("awkwardValues")
    void aTreeDigestsAsTheBytesTheBulkRequestSendsForIt(ObjectNode event) throws IOException {
        EventDigest written = new EventDigest();
        written.add("id", event);

        EventDigest stored = new EventDigest();
        stored.add("id", parser(new String(ElasticJson.bytes(event), StandardCharsets.UTF_8)));

        assertThat(stored).isEqualTo(written);
    }

    @Test
    void oneChangedFieldChangesTheDigest() {
        assertThat(digest("a", event("t", 1).put("value", 0.5)))
                .isNotEqualTo(digest("a", event("t", 1).put("value", 0.25)))
                .isNotEqualTo(digest("a", event("t", 1).put("value", 0.5).put("worker", "w")))
                .isNotEqualTo(digest("a", event("t", 1).put("value", "0.5")))
                .isNotEqualTo(digest("b", event("t", 1).put("value", 0.5)))
                .isEqualTo(digest("a", event("t", 1).put("value", 0.5)));
    }

    @Test
    void valuesSwappedBetweenFieldsOrIdsSwappedBetweenEventsChangeTheDigest() {
        EventDigest first = new EventDigest();
        first.add("a", event("t", 1).put("x", 1).put("y", 2));
        first.add("b", event("t", 2));
        EventDigest swappedValues = new EventDigest();
        swappedValues.add("a", event("t", 1).put("x", 2).put("y", 1));
        swappedValues.add("b", event("t", 2));
        EventDigest swappedIds = new EventDigest();
        swappedIds.add("b", event("t", 1).put("x", 1).put("y", 2));
        swappedIds.add("a", event("t", 2));

        assertThat(swappedValues).isNotEqualTo(first);
        assertThat(swappedIds).isNotEqualTo(first);
    }

    @Test
    void aMissingOrAnExtraEventChangesTheDigest() {
        EventDigest two = new EventDigest();
        two.add("a", event("t", 1));
        two.add("b", event("t", 2));
        EventDigest one = digest("a", event("t", 1));
        EventDigest twice = digest("a", event("t", 1));
        twice.add("a", event("t", 1));

        assertThat(one).isNotEqualTo(two);
        assertThat(twice).isNotEqualTo(one).isNotEqualTo(two);
    }

    @Test
    void aStoredSourceIsHashedWithItsTask() throws IOException {
        JsonParser parser = parser("{\"iter\":1,\"task\":\"t-1\",\"value\":[1,2]}");

        EventDigest.HashedSource hashed = EventDigest.source(parser);

        assertThat(hashed.task()).isEqualTo("t-1");
        EventDigest fromTree = digest("id", ElasticJson.MAPPER.createObjectNode().put("iter", 1).put("task", "t-1")
                .set("value", ElasticJson.MAPPER.createArrayNode().add(1).add(2)));
        EventDigest fromSource = new EventDigest();
        fromSource.add("id", hashed.hash());
        assertThat(fromSource).isEqualTo(fromTree);
    }

    private static EventDigest digest(String id, ObjectNode event) {
        EventDigest digest = new EventDigest();
        digest.add(id, event);
        return digest;
    }

    private static ObjectNode event(String task, long iter) {
        return ElasticJson.MAPPER.createObjectNode().put("task", task).put("iter", iter).put("metric", "m");
    }

    private static JsonParser parser(String json) throws IOException {
        JsonParser parser = ElasticJson.MAPPER.createParser(json);
        parser.nextToken();
        return parser;
    }
}
