package clearml.migrate.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule of data model §5.4 (and the 1.0.0 key escaping of §8.2) as archive line → stored shape. */
class LegacyUpgradesTest {

    private static final Date IMPORT_TIME = new Date(1_800_000_000_000L);
    private final LegacyUpgrades upgrades = new LegacyUpgrades(IMPORT_TIME);

    /** The examples of {@code legacy-task-upgrades.txt}: a {@code ### rule}, then the task archived and stored. */
    static Stream<Arguments> taskUpgrades() throws IOException {
        String text = new String(LegacyUpgradesTest.class.getResourceAsStream("legacy-task-upgrades.txt").readAllBytes(),
                StandardCharsets.UTF_8);
        return Arrays.stream(text.split("\n### ")).skip(1).map(example -> {
            Matcher parts = EXAMPLE.matcher(example);
            if (!parts.matches()) {
                throw new IllegalStateException("not rule, archived:, stored: in " + example);
            }
            return Arguments.of(parts.group(1), parts.group(2), parts.group(3));
        });
    }

    private static final Pattern EXAMPLE = Pattern.compile("(.*?)\narchived:\n(.*?)\nstored:\n(.*)", Pattern.DOTALL);

    @ParameterizedTest(name = "{0}")
    @MethodSource("taskUpgrades")
    void upgradesLegacyTasks(String rule, String archived, String stored) {
        assertThat(upgrades.upgradeTask(Document.parse(archived))).isEqualTo(Document.parse(stored));
    }

    @Test
    void legacyModelEntryOfATaskWithoutDatesGetsTheImportTime() {
        Document task = upgrades.upgradeTask(Document.parse("{\"_id\": \"t\", \"output\": {\"model\": \"m\"}}"));
        assertThat(task.get("models", Document.class).getList("output", Document.class))
                .containsExactly(new Document("model", "m").append("name", "Output Model").append("updated", IMPORT_TIME));
    }

    @Test
    void modelMetadataListBecomesMapKeyedByEscapedKey() {
        Document model = Document.parse("""
                {"_id": "m", "metadata": [{"key": "epochs", "type": "int", "value": "10"},
                                          {"key": "data.set", "type": "str", "value": "coco"},
                                          {"type": "str", "value": "no key"}]}""");
        assertThat(upgrades.upgradeModel(model)).isEqualTo(Document.parse("""
                {"_id": "m", "metadata": {"epochs": {"key": "epochs", "type": "int", "value": "10"},
                                          "data%2Eset": {"key": "data.set", "type": "str", "value": "coco"}}}"""));
    }

    @Test
    void modelMetadataMapIsKeptAsIs() {
        String json = "{\"_id\": \"m\", \"metadata\": {\"a%2Eb\": {\"key\": \"a.b\", \"value\": \"1\"}}}";
        assertThat(upgrades.upgradeModel(Document.parse(json))).isEqualTo(Document.parse(json));
    }

    @Test
    void projectWithoutBasenameGetsTheLastNameSegment() {
        assertThat(upgrades.upgradeProject(Document.parse("{\"name\": \"A/B/Leaf\"}")).getString("basename")).isEqualTo("Leaf");
        assertThat(upgrades.upgradeProject(Document.parse("{\"name\": \"Root\", \"basename\": \"\"}")).getString("basename")).isEqualTo("Root");
        assertThat(upgrades.upgradeProject(Document.parse("{\"name\": \"A/B\", \"basename\": \"kept\"}")).getString("basename")).isEqualTo("kept");
    }
}
