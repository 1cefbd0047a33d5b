package clearml.migrate.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.events.LoopbackServer.Answer;
import clearml.migrate.failures.NotAClearmlStoreException;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Response shapes the embedded engines do not produce: Elasticsearch 8's {@code GET /} (answered by a loopback
 * server with the body ES 8.15 sends), a server that is no search engine at all, and ES 6's numeric
 * {@code hits.total}.
 */
class EngineInfoTest {

    @Test
    void readsElasticsearch8Info() throws IOException {
        String es8 = "{\"name\":\"n1\",\"cluster_name\":\"clearml\",\"cluster_uuid\":\"u\",\"version\":{\"number\":\"8.15.3\","
                + "\"build_flavor\":\"default\",\"build_type\":\"docker\",\"lucene_version\":\"9.11.1\"},"
                + "\"tagline\":\"You Know, for Search\"}";
        try (LoopbackServer server = new LoopbackServer(new Answer(200, es8));
             ElasticClient client = new ElasticClient(new ElasticSettings(List.of(server.uri()), null, null))) {
            assertThat(new EventStore(client).info()).isEqualTo(new EngineInfo("elasticsearch", "8.15.3", "clearml"));
        }
    }

    @Test
    void refusesAServerThatIsNoSearchEngine() throws IOException {
        try (LoopbackServer server = new LoopbackServer(new Answer(200, "{\"meta\":{\"result_code\":200}}"));
             ElasticClient client = new ElasticClient(new ElasticSettings(List.of(server.uri()), null, null))) {
            assertThatThrownBy(() -> new EventStore(client).info())
                    .isInstanceOf(NotAClearmlStoreException.class)
                    .hasMessage("The server at " + server.uri() + " is not Elasticsearch or OpenSearch:"
                            + " GET / gives no version number — check --elastic-host");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"hits\":{\"total\":{\"value\":12,\"relation\":\"eq\"},\"hits\":[]}} | 12",
        "{\"hits\":{\"total\":7,\"hits\":[]}} | 7",
    })
    void readsTotalHitsOfEitherShape(String response, long total) throws JsonProcessingException {
        assertThat(ElasticJson.totalHits(ElasticJson.MAPPER.readTree(response))).isEqualTo(total);
    }

    @ParameterizedTest
    @CsvSource({"2.19.6, 2", "7.17.29, 7", "8.15.3, 8", "snapshot, 0"})
    void readsMajorVersion(String version, int major) {
        assertThat(new EngineInfo("elasticsearch", version, "c").majorVersion()).isEqualTo(major);
    }
}
