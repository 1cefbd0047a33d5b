package clearml.migrate.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ExtendedJsonTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "database.model.model.Model.json",
            "database.model.project.Project.json",
            "database.model.task.task.Task.json"})
    void everyGenuineEntityLineRoundTripsByteForByte(String entry) throws IOException {
        for (String fixture : List.of(Fixtures.SMALL, Fixtures.RICH)) {
            for (String line : genuineLines(fixture, entry)) {
                String document = JsonLines.strip(line);
                assertThat(ExtendedJson.write(ExtendedJson.read(document))).isEqualTo(document);
            }
        }
    }

    @Test
    void readsDatesInAllThreeFormsIncludingBefore1970() {
        Document document = ExtendedJson.read("{\"a\": {\"$date\": -86400000}, \"b\": {\"$date\": \"1970-01-02T00:00:00.5Z\"},"
                + " \"c\": {\"$date\": {\"$numberLong\": \"253402300800000\"}}, \"d\": {\"$date\": \"1970-01-01T01:00:00+0100\"},"
                + " \"e\": {\"$date\": \"1970-01-01T00:00:01\"}}");

        assertThat(document.getDate("a")).isEqualTo(new Date(-86_400_000L));
        assertThat(document.getDate("b")).isEqualTo(new Date(86_400_500L));
        assertThat(document.getDate("c")).isEqualTo(new Date(253_402_300_800_000L));
        assertThat(document.getDate("d")).isEqualTo(new Date(0));
        assertThat(document.getDate("e")).isEqualTo(new Date(1000));
    }

    @Test
    void keepsIntLongAndDoubleAsPythonWroteThem() {
        Document document = ExtendedJson.read(
                "{\"i\": 7, \"l\": 3000000000, \"d\": 1.0, \"e\": 1e-05, \"n\": {\"$numberLong\": \"5\"}}");

        assertThat(document.get("i")).isEqualTo(7);
        assertThat(document.get("l")).isEqualTo(3_000_000_000L);
        assertThat(document.get("d")).isEqualTo(1.0d);
        assertThat(document.get("e")).isEqualTo(1e-5d);
        assertThat(document.get("n")).isEqualTo(5L);
    }

    @Test
    void readsAndWritesNonFiniteFloatsAsBareTokens() {
        String line = "{\"a\": NaN, \"b\": Infinity, \"c\": -Infinity}";

        Document document = ExtendedJson.read(line);

        assertThat(document.getDouble("a")).isNaN();
        assertThat(document.getDouble("b")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(document.getDouble("c")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(ExtendedJson.write(document)).isEqualTo(line);
    }

    @Test
    void readsObjectIdsDefensively() {
        Document document = ExtendedJson.read("{\"_id\": {\"$oid\": \"5b1f00000000000000000001\"}}");

        assertThat(document.get("_id")).isEqualTo(new ObjectId("5b1f00000000000000000001"));
        assertThat(ExtendedJson.write(document)).isEqualTo("{\"_id\": {\"$oid\": \"5b1f00000000000000000001\"}}");
    }

    // Expected texts are Python 3's json.dumps(x) output.
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0.1 | 0.1", "1e-05 | 1e-05", "0.0001 | 0.0001", "1e16 | 1e+16", "1234567890123456.0 | 1234567890123456.0",
            "-2.5e-300 | -2.5e-300", "1e+100 | 1e+100", "123.456 | 123.456", "2.82879384806159e+17 | 2.82879384806159e+17",
            "0.3333333333333333 | 0.3333333333333333", "-0.0 | -0.0", "5e-324 | 5e-324"})
    void writesFloatsAsPythonReprDoes(double value, String python) {
        assertThat(ExtendedJson.write(new Document("v", value))).isEqualTo("{\"v\": " + python + "}");
    }

    @Test
    void writesMongoengineSeparatorsLowerCaseEscapesAndNoRawNewline() {
        Document document = new Document("_id", "x").append("name", "Détection ✓\n\"q\"\t\u007f😀")
                .append("when", new Date(-1)).append("list", List.of(1, 2L, true)).append("none", null)
                .append("nested", new Document());

        assertThat(ExtendedJson.write(document)).isEqualTo("{\"_id\": \"x\", \"name\": "
                + "\"D\\u00e9tection \\u2713\\n\\\"q\\\"\\t\\u007f\\ud83d\\ude00\", \"when\": {\"$date\": -1}, "
                + "\"list\": [1, 2, true], \"none\": null, \"nested\": {}}");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "[]", "{\"a\": 1} {\"b\": 2}", "{\"a\": 1}, {\"b\": 2}", "{\"a\": }", "{'a': 1}",
            "{\"a\": 99999999999999999999}"})
    void rejectsTextThatIsNotExactlyOneObject(String text) {
        assertThatThrownBy(() -> ExtendedJson.read(text)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> genuineLines(String fixture, String entry) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(Fixtures.archive(fixture)).get();
                InputStream in = zip.getInputStream(zip.getEntry(entry))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> lines = List.of(text.split("\n"));
            assertThat(lines).hasSizeGreaterThan(2);
            return lines.subList(1, lines.size() - 1);
        }
    }
}
