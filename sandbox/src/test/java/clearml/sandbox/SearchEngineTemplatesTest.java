package clearml.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.sandbox.junit.SearchEngine;
import clearml.sandbox.junit.SearchEngineTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

class SearchEngineTemplatesTest {

    /** What {@code GET /} says in {@code version}: {@code distribution} is absent on Elasticsearch. */
    private record Version(String distribution, String number) {
    }

    private static final Map<String, Version> EXPECTED_VERSIONS = Map.of(
            "opensearch-2.19", new Version("opensearch", "2.19.6"),
            "elasticsearch-7.17", new Version("", "7.17.29"));

    @SearchEngineTest
    void answersWithItsDistributionAndVersion(SearchEngine engine) {
        JsonNode version = new ElasticHttp(engine.uri()).get("/").path("version");

        assertThat(new Version(version.path("distribution").asText(), version.path("number").asText()))
                .isEqualTo(EXPECTED_VERSIONS.get(engine.name()));
        assertThat(engine.painless()).isEqualTo(engine.name().startsWith("opensearch"));
    }

    @SearchEngineTest
    void mapsClearmlFieldsOnAFreshLogIndexAndKeepsOthersDynamic(SearchEngine engine) {
        ElasticHttp http = new ElasticHttp(engine.uri());
        String index = "events-log-templatecheck";
        http.post("/" + index + "/_doc?refresh=true",
                "{\"task\":\"t1\",\"iter\":3,\"msg\":\"epoch 3\",\"level\":\"info\",\"timestamp\":1718000100000,"
                        + "\"not_in_template\":\"kept\"}");
        try {
            JsonNode fields = http.get("/" + index + "/_mapping").path(index).path("mappings").path("properties");

            assertThat(fields.at("/task/type").asText()).isEqualTo("keyword");
            assertThat(fields.at("/iter/type").asText()).isEqualTo("long");
            assertThat(fields.at("/timestamp/type").asText()).isEqualTo("date");
            assertThat(fields.at("/msg/index").asBoolean(true)).isFalse();
            assertThat(fields.at("/not_in_template/type").asText()).isEqualTo("text");
            assertThat(http.get("/" + index + "/_settings").at("/" + index + "/settings/index/number_of_replicas")
                    .asText()).isEqualTo("0");
        } finally {
            http.delete("/" + index);
        }
    }
}
