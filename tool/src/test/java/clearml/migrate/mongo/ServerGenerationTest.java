package clearml.migrate.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.failures.UsageException;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which ClearML server line a target is, from what its stores say, and the release numbers users give. */
class ServerGenerationTest {

    @ParameterizedTest(name = "schema {0}, featureCompatibilityVersion {1}: {2}")
    @CsvSource(nullValues = "-", value = {
        "1.7.0, -,   V1",   // a 1.7/1.8 server: 1.9.0 came with 1.9
        "1.7.0, 6.0, V1",
        "1.9.0, 4.4, V1",   // 1.10-1.16 run MongoDB 4.4
        "1.9.0, 5.0, V1",   // 1.17 raised it to 5.0
        "1.9.0, 6.0, V2",   // 2.0 raises it to 6.0
        "1.9.0, 7.0, V2",   // 2.3 to 7.0
        "1.9.0, -,   V2",   // cannot tell: the current line
        "-,     -,   V2"})
    void recognisesTheServerLine(String schema, String featureCompatibility, ServerGeneration expected) {
        ServerGeneration.Recognition recognition = ServerGeneration.recognise(
                Optional.ofNullable(schema).map(SchemaVersion::new), Optional.ofNullable(featureCompatibility));

        assertThat(recognition.generation()).isEqualTo(expected);
        assertThat(recognition.reason()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource({"1.10, 1, 10, V1", "1.16.2, 1, 16, V1", "v2.0, 2, 0, V2", "2.3, 2, 3, V2"})
    void readsReleaseNumbers(String text, int major, int minor, ServerGeneration generation) {
        ClearmlVersion version = ClearmlVersion.parse(text, "--for-clearml");

        assertThat(version).isEqualTo(new ClearmlVersion(major, minor));
        assertThat(version.generation()).isEqualTo(generation);
    }

    @ParameterizedTest
    @CsvSource({"latest", "3.0", "0.17", "1", "1.x"})
    void refusesWhatIsNoClearmlRelease(String text) {
        assertThatThrownBy(() -> ClearmlVersion.parse(text, "--target-version")).isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--target-version takes a ClearML server release such as 1.10");
    }
}
