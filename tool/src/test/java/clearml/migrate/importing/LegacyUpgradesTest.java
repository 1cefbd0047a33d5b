package clearml.migrate.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
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

    static Stream<Arguments> taskUpgrades() {
        return Stream.of(
                Arguments.of("legacy parameters go to Args, TF_DEFINE/x to section TF_DEFINE, values as Python str",
                        """
                        {"_id": "t", "created": {"$date": 1000},
                         "execution": {"parameters": {"lr": 0.00001, "TF_DEFINE/batch": 32, "use_gpu": true,
                                                      "opt/name": "adam", "none": null}}}""",
                        """
                        {"_id": "t", "created": {"$date": 1000},
                         "execution": {"parameters": {}},
                         "hyperparams": {
                           "Args": {"lr": {"section": "Args", "name": "lr", "value": "1e-05", "type": "legacy"},
                                    "use_gpu": {"section": "Args", "name": "use_gpu", "value": "True", "type": "legacy"},
                                    "opt/name": {"section": "Args", "name": "opt/name", "value": "adam", "type": "legacy"},
                                    "none": {"section": "Args", "name": "none", "value": "None", "type": "legacy"}},
                           "TF_DEFINE": {"batch": {"section": "TF_DEFINE", "name": "batch", "value": "32", "type": "legacy"}}},
                         "models": {"input": [], "output": []}}"""),
                Arguments.of("an existing hyperparameter wins over the legacy value",
                        """
                        {"_id": "t", "models": {}, "container": {},
                         "execution": {"parameters": {"lr": 0.5}},
                         "hyperparams": {"Args": {"lr": {"section": "Args", "name": "lr", "value": "0.1", "type": "float"}}}}""",
                        """
                        {"_id": "t", "models": {"input": [], "output": []}, "container": {},
                         "execution": {"parameters": {}},
                         "hyperparams": {"Args": {"lr": {"section": "Args", "name": "lr", "value": "0.1", "type": "float"}}}}"""),
                Arguments.of("legacy parameter and model_desc names are escaped as map keys, kept raw inside",
                        """
                        {"_id": "t", "execution": {"parameters": {"data.path": "/d", "_seed": 1},
                                                   "model_desc": {"net.cfg": {"layers": 3}}}}""",
                        """
                        {"_id": "t", "execution": {"parameters": {}, "model_desc": {}},
                         "hyperparams": {"Args": {
                            "data%2Epath": {"section": "Args", "name": "data.path", "value": "/d", "type": "legacy"},
                            "%_seed": {"section": "Args", "name": "_seed", "value": "1", "type": "legacy"}}},
                         "configuration": {"net%2Ecfg": {"name": "net.cfg", "value": "{'layers': 3}", "type": "legacy"}},
                         "models": {"input": [], "output": []}}"""),
                Arguments.of("an artifact list becomes a map keyed md5(key)_mode, a missing mode becoming output",
                        """
                        {"_id": "t", "execution": {"artifacts": [
                            {"key": "data.csv", "mode": "output", "uri": "u1"},
                            {"key": "in", "mode": "input", "uri": "u2"},
                            {"key": "nomode", "uri": "u3"}]}}""",
                        """
                        {"_id": "t", "execution": {"artifacts": {
                            "b87775cb83cbf0511096cfb67074662a_output": {"key": "data.csv", "mode": "output", "uri": "u1"},
                            "%s_input": {"key": "in", "mode": "input", "uri": "u2"},
                            "%s_output": {"key": "nomode", "uri": "u3", "mode": "output"}}},
                         "models": {"input": [], "output": []}}"""
                                .formatted(LegacyUpgrades.md5Hex("in"), LegacyUpgrades.md5Hex("nomode"))),
                Arguments.of("execution.model goes first into models.input, output.model last into models.output",
                        """
                        {"_id": "t", "last_update": {"$date": 5000},
                         "execution": {"model": "m-in"}, "output": {"model": "m-out", "result": "success"},
                         "models": {"input": [{"name": "other", "model": "m-x", "updated": {"$date": 1}}],
                                    "output": [{"name": "prev", "model": "m-y", "updated": {"$date": 2}}]}}""",
                        """
                        {"_id": "t", "last_update": {"$date": 5000},
                         "execution": {}, "output": {"result": "success"},
                         "models": {"input": [{"model": "m-in", "name": "Input Model", "updated": {"$date": 5000}},
                                              {"name": "other", "model": "m-x", "updated": {"$date": 1}}],
                                    "output": [{"name": "prev", "model": "m-y", "updated": {"$date": 2}},
                                               {"model": "m-out", "name": "Output Model", "updated": {"$date": 5000}}]}}"""),
                Arguments.of("a legacy model already listed by id or by name is not added; null entries are dropped",
                        """
                        {"_id": "t", "execution": {"model": "m-in"}, "output": {"model": "m-out"},
                         "models": {"input": [{"name": "x", "model": "m-in"}, {"name": "gone", "model": null}],
                                    "output": [{"name": "Output Model", "model": "m-other"}]}}""",
                        """
                        {"_id": "t", "execution": {}, "output": {},
                         "models": {"input": [{"name": "x", "model": "m-in"}],
                                    "output": [{"name": "Output Model", "model": "m-other"}]}}"""),
                Arguments.of("docker_cmd becomes container image and arguments",
                        """
                        {"_id": "t", "execution": {"docker_cmd": "nvidia/cuda:11 --ipc=host -e A=1"}}""",
                        """
                        {"_id": "t", "execution": {},
                         "models": {"input": [], "output": []},
                         "container": {"image": "nvidia/cuda:11", "arguments": "--ipc=host -e A=1"}}"""),
                Arguments.of("docker_cmd is dropped when a container is already set",
                        """
                        {"_id": "t", "execution": {"docker_cmd": "old:1"}, "container": {"image": "new:2"}}""",
                        """
                        {"_id": "t", "execution": {}, "container": {"image": "new:2"},
                         "models": {"input": [], "output": []}}"""),
                Arguments.of("a pre-1.0 task has its model_labels and container keys escaped",
                        """
                        {"_id": "t", "execution": {"model": "m", "model_labels": {"car.front": 1, "_bg": 0, "cat": 2}},
                         "container": {"image": "i", "my.key": "v"}, "last_update": {"$date": 7}}""",
                        """
                        {"_id": "t", "execution": {"model_labels": {"car%2Efront": 1, "%_bg": 0, "cat": 2}},
                         "container": {"image": "i", "my%2Ekey": "v"}, "last_update": {"$date": 7},
                         "models": {"input": [{"model": "m", "name": "Input Model", "updated": {"$date": 7}}], "output": []}}"""),
                Arguments.of("a current task keeps its already escaped model_labels untouched",
                        """
                        {"_id": "t", "execution": {"parameters": {}, "model_desc": {}, "model_labels": {"car%2Efront": 1, "%_bg": 0}},
                         "models": {"input": [], "output": []}, "container": {}}""",
                        """
                        {"_id": "t", "execution": {"parameters": {}, "model_desc": {}, "model_labels": {"car%2Efront": 1, "%_bg": 0}},
                         "models": {"input": [], "output": []}, "container": {}}"""));
    }

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
