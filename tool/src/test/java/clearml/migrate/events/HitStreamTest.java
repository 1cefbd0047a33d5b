package clearml.migrate.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HitStreamTest {

    @Test
    void readsHitsOneByOneAndTheFieldsAroundThem() throws IOException {
        HitStream stream = stream("{\"_scroll_id\":\"s1\",\"took\":3,\"timed_out\":false,"
                + "\"_shards\":{\"total\":1,\"successful\":1,\"failed\":0},"
                + "\"hits\":{\"total\":{\"value\":2,\"relation\":\"eq\"},\"max_score\":null,"
                + "\"hits\":[{\"_index\":\"i\",\"_id\":\"a\",\"_source\":{\"x\":[1,{\"y\":2}]}},{\"_id\":\"b\"}]}}");

        assertThat(stream.scrollId()).isEqualTo("s1");
        assertThat(stream.total()).isEqualTo(2);
        assertThat(stream.shards().path("failed").asInt()).isZero();
        assertThat(ids(stream)).isEqualTo("a{\"x\":[1,{\"y\":2}]} b");
        assertThat(stream.count()).isEqualTo(2);
    }

    @Test
    void picksUpFieldsSentAfterTheHits() throws IOException {
        HitStream stream = stream("{\"hits\":{\"hits\":[{\"_id\":\"a\"}],\"total\":5},\"_scroll_id\":\"late\","
                + "\"timed_out\":true}");

        assertThat(ids(stream)).isEqualTo("a");
        assertThat(stream.scrollId()).isEqualTo("late");
        assertThat(stream.timedOut()).isTrue();
    }

    @Test
    void handlesEmptyPageAndAnswerWithoutHits() throws IOException {
        assertThat(ids(stream("{\"_scroll_id\":\"s\",\"hits\":{\"total\":0,\"hits\":[]}}"))).isEmpty();
        assertThat(ids(stream("{\"acknowledged\":true}"))).isEmpty();
    }

    @Test
    void reportsTruncatedAnswerAsIoFailure() throws IOException {
        HitStream stream = stream("{\"hits\":{\"hits\":[{\"_id\":\"a\"},{\"_id\":");

        assertThat(stream.next().path("_id").asText()).isEqualTo("a");
        assertThatThrownBy(stream::hasNext).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void handsEachSourceOverAsTheBytesTheEngineSent() throws IOException {
        List<String> sources = new ArrayList<>();
        StringBuilder answer = new StringBuilder("{ \"_scroll_id\" : \"s\", \"hits\" : { \"total\" : 3000, \"hits\" : [");
        for (int i = 0; i < 3000; i++) {
            // whitespace, escapes and raw UTF-8 kept; every 1000th source larger than the kept buffer
            String source = "{ \"i\" : " + i + ", \"msg\" : \"r\u00e9sum\\u00e9 \\\" }\" , \"n\":[1.50, {}]"
                    + (i % 1000 == 999 ? ", \"big\":\"" + "x".repeat(100_000) + "\"" : "") + " }";
            sources.add(source);
            answer.append(i == 0 ? "" : ",").append("{\"_index\":\"i\",\"_id\":\"").append(i)
                    .append("\",\"_source\":").append(source).append(",\"sort\":[").append(i).append("]}");
        }
        HitStream stream = HitStream.keeping(new Trickle(answer.append("]}}").toString()));

        List<String> read = new ArrayList<>();
        while (stream.nextSource((bytes, offset, length) ->
                read.add(new String(bytes, offset, length, StandardCharsets.UTF_8)))) {
            assertThat(stream.count()).isEqualTo(read.size());
        }

        assertThat(read).isEqualTo(sources);
        assertThat(stream.scrollId()).isEqualTo("s");
    }

    /** An answer that arrives a few bytes at a time, as a socket may hand it over. */
    private static final class Trickle extends ByteArrayInputStream {
        Trickle(String json) {
            super(json.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            return super.read(buffer, offset, Math.min(length, 1 + pos % 997));
        }
    }

    private static HitStream stream(String json) throws IOException {
        return new HitStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String ids(HitStream stream) {
        List<String> ids = new ArrayList<>();
        stream.forEachRemaining(hit -> ids.add(hit.path("_id").asText()
                + (hit.has("_source") ? hit.get("_source").toString() : "")));
        return String.join(" ", ids);
    }
}
