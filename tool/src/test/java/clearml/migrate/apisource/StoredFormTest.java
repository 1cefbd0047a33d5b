package clearml.migrate.apisource;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.api.ApiJson;
import clearml.migrate.archive.EntityKind;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An API answer becomes the stored document again, at the places the server's output conversion touches only. */
class StoredFormTest {

    private static ObjectNode answer(String json) throws IOException {
        return (ObjectNode) ApiJson.MAPPER.readTree(json.replace('\'', '"'));
    }

    @Test
    void putsTheIdFirstAsUnderscoreIdAndKeepsTheOtherFieldsInTheirOrder() throws IOException {
        Document stored = StoredForm.entity(EntityKind.TASK, answer("{'name': 'n', 'type': 't', 'id': 'abc'}"));

        assertThat(List.copyOf(stored.keySet())).containsExactly("_id", "name", "type");
        assertThat(stored.getString("_id")).isEqualTo("abc");
    }

    @ParameterizedTest(name = "{0} -> {1} ms")
    @CsvSource({
            "2024-06-10T06:15:00.123000+00:00, 1718000100123",
            "2024-06-10T06:15:00+00:00,        1718000100000",
            "2024-06-10T06:15:00.123,          1718000100123",
    })
    void readsTheServersDatesBackAsDates(String text, long millis) throws IOException {
        Document stored = StoredForm.entity(EntityKind.MODEL, answer("{'id': 'm', 'created': '" + text + "'}"));

        assertThat(stored.get("created")).isEqualTo(new Date(millis));
    }

    @Test
    void readsDatesOnlyWhereTheDataModelHasThemAndLeavesOtherTextAlone() throws IOException {
        Document stored = StoredForm.entity(EntityKind.TASK, answer("{'id': 't', 'comment': '2024-06-10T06:15:00+00:00',"
                + " 'models': {'output': [{'model': 'm', 'updated': '2024-06-10T06:15:00+00:00'}]},"
                + " 'runtime': {'when': '2024-06-10T06:15:00+00:00'}, 'started': 'not a date'}"));

        assertThat(stored.get("comment")).isEqualTo("2024-06-10T06:15:00+00:00");
        assertThat(((Document) stored.get("runtime")).get("when")).isEqualTo("2024-06-10T06:15:00+00:00");
        assertThat(stored.get("started")).isEqualTo("not a date");
        Document output = ((Document) stored.get("models")).getList("output", Document.class).get(0);
        assertThat(output.get("updated")).isEqualTo(new Date(1718000100000L));
    }

    @Test
    void escapesTheUserKeysTheServerAnswersUnescaped() throws IOException {
        Document task = StoredForm.entity(EntityKind.TASK, answer("{'id': 't',"
                + " 'hyperparams': {'my.section': {'lr.max': {'name': 'lr.max'}}},"
                + " 'configuration': {'$cfg': {'name': '$cfg'}}, 'container': {'__x': 'y'},"
                + " 'execution': {'model_labels': {'_bg': 0}}}"));
        Document model = StoredForm.entity(EntityKind.MODEL, answer("{'id': 'm', 'metadata': {'a.b': {'key': 'a.b'}}}"));

        Document section = (Document) ((Document) task.get("hyperparams")).get("my%2Esection");
        assertThat(section).containsOnlyKeys("lr%2Emax");
        assertThat(section.get("lr%2Emax", Document.class).getString("name")).isEqualTo("lr.max");
        assertThat((Document) task.get("configuration")).containsOnlyKeys("%24cfg");
        assertThat((Document) task.get("container")).containsOnlyKeys("%_%_x");
        assertThat(((Document) task.get("execution")).get("model_labels", Document.class)).containsOnlyKeys("%_bg");
        assertThat((Document) model.get("metadata")).containsOnlyKeys("a%2Eb");
    }

    @Test
    void keysTheArtifactsListByTheMd5OfTheirKeyAndMode() throws IOException {
        Document task = StoredForm.entity(EntityKind.TASK, answer("{'id': 't', 'execution': {'artifacts': ["
                + "{'key': 'data', 'mode': 'input'}, {'key': 'preds'}]}}"));

        Document artifacts = ((Document) task.get("execution")).get("artifacts", Document.class);
        // md5("data") and md5("preds"); a missing mode is mongoengine's default, output
        assertThat(List.copyOf(artifacts.keySet())).containsExactly("8d777f385d3dfec8815d20f7496026dc_input",
                "f1cfc73286844b57b61866d28e5455d1_output");
    }

    @Test
    void keepsIntegersAsWideAsTheyCameAndDropsAProjectsComputedHiddenFlag() throws IOException {
        Document task = StoredForm.entity(EntityKind.TASK, answer("{'id': 't', 'last_iteration': 6,"
                + " 'metric_stats': {'x': {'last_update': 1718060529000}}, 'value': 0.5}"));
        Document project = StoredForm.entity(EntityKind.PROJECT, answer("{'id': 'p', 'system_tags': ['hidden'],"
                + " 'hidden': true}"));

        assertThat(task.get("last_iteration")).isEqualTo(6);
        assertThat(((Document) task.get("metric_stats")).get("x", Document.class).get("last_update"))
                .isEqualTo(1718060529000L);
        assertThat(task.get("value")).isEqualTo(0.5);
        assertThat(project).doesNotContainKey("hidden").containsKey("system_tags");
    }
}
