package clearml.migrate.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EntityKindTest {

    @Test
    void namesEntriesAsClearmlDoes() {
        assertThat(EntityKind.MODEL.entryName()).isEqualTo("database.model.model.Model.json");
        assertThat(EntityKind.PROJECT.entryName()).isEqualTo("database.model.project.Project.json");
        assertThat(EntityKind.TASK.entryName()).isEqualTo("database.model.task.task.Task.json");
        assertThat(EntityKind.eventsEntryName("d0000000000000000000000000000001"))
                .isEqualTo("database.model.task.task.Task_d0000000000000000000000000000001_events.json");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "database.model.task.task.Task_abc_events.json | abc",
            "database.model.task.task.Task_e-abc_events.json | e-abc",
            "database.model.task.task.Task.json | -",
            "database.model.task.task.Task__events.json | -",
            "Task_abc_events.json | -"})
    void parsesTheTaskIdBackFromAnEventsEntry(String name, String taskId) {
        assertThat(EntityKind.taskIdOfEventsEntry(name).orElse(null)).isEqualTo(taskId);
    }

    @Test
    void refusesTaskIdsThatWouldMakeAPath() {
        assertThatThrownBy(() -> EntityKind.eventsEntryName("../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"metadata.json | true", "users.json | true",
            "database.model.model.Model.json | true", "database.model.queue.Queue.json | false", "README | false"})
    void knowsWhichEntriesTheImporterAccepts(String name, boolean known) {
        assertThat(EntityKind.isKnownEntry(name)).isEqualTo(known);
    }
}
