package clearml.migrate.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaVersionTest {

    @ParameterizedTest(name = "{0} is older than {1}")
    @CsvSource({
        "1.9.0,  1.10.0",
        "0.17.0, 1.0.0",
        "1.0.0,  1.0.2",
        "0.9.9,  0.12.1",
        "1.9,    1.9.0",
    })
    void ordersNumericallyPartByPart(String older, String newer) {
        assertThat(new SchemaVersion(older)).isLessThan(new SchemaVersion(newer));
        assertThat(new SchemaVersion(newer)).isGreaterThan(new SchemaVersion(older));
    }
}
