package clearml.migrate.apitarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import clearml.migrate.api.ApiJson;
import clearml.migrate.archive.EntityKind;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the import's read-back counts as a field the server did not keep, and what it leaves to the server. */
class ReadBackTest {

    @Test
    void aRebuiltMeanOneStepOffTheArchivedOneIsAFieldNotKept() {
        List<FieldDifference> differences = compare(
                "{\"last_metrics\": {\"m\": {\"v\": {\"mean_value\": 0.49, \"count\": 100}}}}",
                "{\"id\": \"t1\", \"last_metrics\": {\"m\": {\"v\": {\"mean_value\": 0.5, \"count\": 100.0}}}}");

        assertThat(differences).extracting(FieldDifference::path, FieldDifference::expected, FieldDifference::kept)
                .containsExactly(tuple("last_metrics.m.v.mean_value", "0.49", "0.5"));
    }

    @Test
    void aModelLinksStampAndEmptyValuesAreNotDifferences() {
        List<FieldDifference> differences = compare(
                "{\"status_reason\": \"\", \"models\": {\"input\": [{\"name\": \"in\", \"model\": \"m1\","
                        + " \"updated\": \"2025-03-14T04:26:53Z\"}]}}",
                "{\"id\": \"t1\", \"models\": {\"input\": [{\"name\": \"in\", \"model\": \"m1\","
                        + " \"updated\": \"2026-12-03T12:00:00Z\"}]}}");

        assertThat(differences).isEmpty();
    }

    @Test
    void aDroppedStatusMessageIsAFieldNotKept() {
        List<FieldDifference> differences = compare("{\"status_message\": \"reset\"}", "{\"id\": \"t1\"}");

        assertThat(differences).extracting(FieldDifference::path).containsExactly("status_message");
    }

    private static List<FieldDifference> compare(String expected, String actual) {
        List<FieldDifference> differences = new ArrayList<>();
        ReadBack.compare(EntityKind.TASK, "a1", object(expected), object(actual), differences);
        return differences;
    }

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) ApiJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
