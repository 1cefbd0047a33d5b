package clearml.migrate.proof;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.archive.ExtendedJson;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How verify names the first difference between an archived and a stored document. */
class DocumentDiffTest {

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of("{\"a\": 1}", "{\"a\": 1}", ""),
                Arguments.of("{\"a\": 1, \"b\": 2}", "{\"b\": 2, \"a\": 1}", ""),
                Arguments.of("{\"a\": null}", "{}", ""),
                Arguments.of("{\"n\": 3}", "{\"n\": {\"$numberLong\": \"3\"}}", ""),
                Arguments.of("{\"x\": 0.5}", "{\"x\": 0.50}", ""),
                Arguments.of("{\"last_metrics\": {\"m\": {\"v\": {\"value\": NaN}}}}",
                        "{\"last_metrics\": {\"m\": {\"v\": {\"value\": NaN}}}}", ""),
                Arguments.of("{\"hyperparams\": {\"Args\": {\"lr\": {\"value\": \"0.01\"}}}}",
                        "{\"hyperparams\": {\"Args\": {\"lr\": {\"value\": \"0.1\"}}}}",
                        "field hyperparams.Args.lr.value: archive \"0.01\" ≠ target \"0.1\""),
                Arguments.of("{\"last_metrics\": {\"m\": {\"v\": {\"value\": 0.25}}}}",
                        "{\"last_metrics\": {\"m\": {\"v\": {\"value\": 0.5}}}}",
                        "field last_metrics.m.v.value: archive 0.25 ≠ target 0.5"),
                Arguments.of("{\"tags\": [\"a\", \"b\"]}", "{\"tags\": [\"a\", \"c\"]}",
                        "field tags[1]: archive \"b\" ≠ target \"c\""),
                Arguments.of("{\"tags\": [\"a\", \"b\"]}", "{\"tags\": [\"a\"]}",
                        "field tags: archive has 2 items ≠ target 1"),
                Arguments.of("{\"a\": 1}", "{\"a\": 1, \"extra\": true}", "field extra: archive (absent) ≠ target true"),
                Arguments.of("{\"comment\": \"kept\"}", "{}", "field comment: archive \"kept\" ≠ target (absent)"),
                Arguments.of("{\"created\": {\"$date\": 1700000000000}}", "{\"created\": {\"$date\": 1700000000001}}",
                        "field created: archive "));
    }

    @ParameterizedTest(name = "{0} vs {1}")
    @MethodSource("pairs")
    void namesTheFirstDifferingPathOrNothing(String archive, String target, String expected) {
        Document archived = ExtendedJson.read(archive);
        Document stored = ExtendedJson.read(target);

        String found = DocumentDiff.first(archived, stored).orElse("");

        if (expected.isEmpty()) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).startsWith(expected);
        }
    }
}
