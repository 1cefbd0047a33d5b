package clearml.migrate.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The defaults ClearML's mongoengine models fill when a document is saved without them, written here from
 * {@code apiserver/database/model/task/task.py}, {@code model.py}, {@code project.py}, {@code user.py} and
 * {@code auth.py} (an explicit {@code default=}, and {@code []}/{@code {}} for list, dict and map fields), and checked
 * against what a genuine ClearML 2.0 export holds for a draft task (data model §3.5).
 */
class SaveDefaultsTest {

    @Test
    void aBareTaskGetsEveryDefaultOfTheTaskModel() {
        Document task = SaveDefaults.task(new Document("_id", "t").append("name", "draft"), ServerGeneration.V2);

        assertThat(task).isEqualTo(new Document("_id", "t").append("name", "draft").append("status", "created")
                .append("report_assets", List.of()).append("output", new Document())
                .append("execution", new Document("test_split", 0).append("parameters", new Document())
                        .append("model_desc", new Document()).append("model_labels", new Document())
                        .append("artifacts", new Document()))
                .append("tags", List.of()).append("system_tags", List.of())
                .append("script", new Document("binary", "python").append("repository", "")
                        .append("entry_point", "").append("requirements", new Document()))
                .append("last_iteration", 0).append("last_metrics", new Document()).append("unique_metrics", List.of())
                .append("metric_stats", new Document()).append("hyperparams", new Document())
                .append("configuration", new Document()).append("runtime", new Document())
                .append("models", new Document("input", List.of()).append("output", List.of()))
                .append("container", new Document()));
    }

    @Test
    void embeddedDocumentsGetTheirDefaultsAndPresentValuesStay() {
        Document task = new Document("_id", "t").append("status", "completed").append("runtime", null)
                .append("execution", new Document("artifacts", new Document("k_output",
                        new Document("key", "k").append("uri", "s3://b/k"))))
                .append("metric_stats", new Document("h", new Document("metric", "loss")))
                .append("script", new Document("binary", "python3"));

        SaveDefaults.task(task, ServerGeneration.V2);

        assertThat(task.get("status")).isEqualTo("completed");
        assertThat(task.get("runtime")).as("null is saved as the default").isEqualTo(new Document());
        assertThat(task.get("execution", Document.class).get("artifacts", Document.class).get("k_output"))
                .isEqualTo(new Document("key", "k").append("uri", "s3://b/k").append("mode", "output")
                        .append("display_data", List.of()));
        assertThat(task.get("metric_stats", Document.class).get("h"))
                .isEqualTo(new Document("metric", "loss").append("event_stats_by_type", new Document()));
        assertThat(task.get("script", Document.class).get("binary")).isEqualTo("python3");
    }

    @Test
    void version1TasksAndModelsGetNoVersion2Fields() {
        assertThat(SaveDefaults.task(new Document(), ServerGeneration.V1)).doesNotContainKey("unique_metrics");
        assertThat(SaveDefaults.model(new Document(), ServerGeneration.V1))
                .doesNotContainKeys("last_iteration", "last_metrics", "unique_metrics");
    }

    @Test
    void modelsProjectsAndUsersGetTheirDefaults() {
        assertThat(SaveDefaults.model(new Document("_id", "m"), ServerGeneration.V2)).isEqualTo(new Document("_id", "m")
                .append("tags", List.of()).append("system_tags", List.of()).append("uri", "")
                .append("design", new Document()).append("labels", new Document()).append("ui_cache", new Document())
                .append("metadata", new Document()).append("last_iteration", 0).append("last_metrics", new Document())
                .append("unique_metrics", List.of()));
        assertThat(SaveDefaults.project(new Document("_id", "p"))).isEqualTo(new Document("_id", "p")
                .append("tags", List.of()).append("system_tags", List.of()).append("featured", 9999)
                .append("path", List.of()));
        assertThat(SaveDefaults.backendUser(new Document("_id", "u"))).isEqualTo(new Document("_id", "u")
                .append("preferences", ""));
        assertThat(SaveDefaults.authUser(new Document("_id", "u"))).isEqualTo(new Document("_id", "u")
                .append("role", "user").append("credentials", List.of()));
    }
}
