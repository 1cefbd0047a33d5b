package clearml.migrate.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both forms in which Elasticsearch hands out an API key become the same header; neither shows in toString. */
class ElasticApiKeyTest {

    /** The example of Elasticsearch's create-API-key documentation: id, api_key, and their encoded form. */
    @ParameterizedTest
    @CsvSource({
        "VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw",
        "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==",
        "'  VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==  '"})
    void eitherFormIsSentAsTheEncodedKey(String given) {
        ElasticApiKey key = ElasticApiKey.of(given);

        assertThat(key.header()).isEqualTo("ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==");
        assertThat(key.id()).isEqualTo("VuaCfGcBCdbkQm-e5aOx");
        assertThat(key.toString()).doesNotContain("ui2lp2axTNmsyakw9tvNnw", "VnVhQ2ZHY0JDZGJr")
                .contains("VuaCfGcBCdbkQm-e5aOx");
        assertThat(key.secrets()).contains("ui2lp2axTNmsyakw9tvNnw");
    }

    @ParameterizedTest
    @CsvSource({"not*base64", "bm9jb2xvbg=="})
    void aKeyThatIsNotIdAndSecretIsSentAsGivenAndNamedByNoId(String given) {
        ElasticApiKey key = ElasticApiKey.of(given);

        assertThat(key.header()).isEqualTo("ApiKey " + given);
        assertThat(key.id()).isNull();
        assertThat(key.toString()).isEqualTo("ElasticApiKey[***]");
    }
}
