package clearml.migrate.exporting;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.mongo.ClearmlVersion;
import clearml.migrate.mongo.Collections;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class ExportCleanupTest {

    private static Document task() {
        return new Document("_id", "t").append("company", "c1").append("user", "u1")
                .append("comment", "my notes").append("status_message", "stopped by user")
                .append("status_reason", "manual").append("output", new Document("destination", "s3://b/out"))
                .append("tags", List.of("Exported: 2024-01-01 00:00:00", "keep"))
                .append("company_origin", "c0").append("last_changed_by", "u2");
    }

    @Test
    void emptiesCompanyAndUserButKeepsEverythingElse() {
        Document expected = task().append("company", "").append("user", "");

        assertThat(new ExportCleanup(false).apply(Collections.TASK, task())).isEqualTo(expected);
    }

    @Test
    void keepsTheOwnerWhenUsersAreExported() {
        assertThat(new ExportCleanup(true).apply(Collections.TASK, task())).isEqualTo(task().append("company", ""));
    }

    @Test
    void emptiesCompanyOfProjectsToo() {
        Document project = new Document("_id", "p").append("company", "c1").append("name", "P");

        assertThat(new ExportCleanup(false).apply(Collections.PROJECT, project))
                .isEqualTo(new Document("_id", "p").append("company", "").append("name", "P"));
    }

    @Test
    void forClearml110LeavesOutTheFieldsItsModelsDoNotDeclareAndCountsThem() {
        ExportCleanup cleanup = new ExportCleanup(true, new ClearmlVersion(1, 10));
        Document model = new Document("_id", "m").append("company", "c1").append("user", "u1").append("ready", true)
                .append("last_iteration", 3).append("last_metrics", new Document()).append("unique_metrics", List.of())
                .append("last_change", "d").append("last_changed_by", "u2");

        assertThat(cleanup.apply(Collections.MODEL, model)).isEqualTo(new Document("_id", "m").append("company", "")
                .append("user", "").append("ready", true));
        Document expectedTask = task().append("company", "").append("user", "");
        expectedTask.remove("last_changed_by");
        assertThat(cleanup.apply(Collections.TASK, task().append("unique_metrics", List.of()).append("sec_groups", 1)))
                .isEqualTo(expectedTask);
        assertThat(cleanup.keepsUsers()).isFalse();
        assertThat(cleanup.leftOut()).isEqualTo(Map.of("model.last_iteration", 1L, "model.last_metrics", 1L,
                "model.unique_metrics", 1L, "model.last_change", 1L, "model.last_changed_by", 1L,
                "task.last_changed_by", 1L, "task.unique_metrics", 1L, "task.sec_groups", 1L));
    }

    @Test
    void forClearml116KeepsUsersAndForClearml20OnlyLeavesOutUndeclaredFields() {
        assertThat(new ExportCleanup(true, new ClearmlVersion(1, 16)).keepsUsers()).isTrue();
        ExportCleanup current = new ExportCleanup(false, new ClearmlVersion(2, 0));

        assertThat(current.apply(Collections.TASK, task().append("unique_metrics", List.of()).append("x", 1)))
                .isEqualTo(task().append("company", "").append("user", "").append("unique_metrics", List.of()));
        assertThat(current.leftOut()).isEqualTo(Map.of("task.x", 1L));
    }
}
