package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.archive.EntityKind;
import clearml.migrate.testing.CliRun;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.seed.SeedReport;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export --for-clearml 1.10} against a seeded source whose documents carry 2.x fields: the archive holds
 * only the fields ClearML 1.10's models declare, no {@code users.json}, and the summary lists what was left out.
 *
 * <p>The field sets below are written from ClearML's {@code apiserver/database/model/task/task.py},
 * {@code model.py} and {@code project.py} (2.x, read), less the fields a 1.x server does not know: the model's
 * statistics and change fields, which ClearML 1.x's importer was seen refusing (issue #13), and the task's
 * {@code unique_metrics} and {@code last_changed_by} [inferred; the 1.10 tag itself could not be read here].
 */
@ExtendWith(SandboxExtension.class)
class ExportForClearmlTest {

    private static final Set<String> TASK_1_10 = Set.of("_id", "company", "user", "name", "type", "status",
            "status_reason", "status_message", "status_changed", "comment", "report", "report_assets", "created",
            "started", "completed", "published", "active_duration", "parent", "project", "output", "execution", "tags",
            "system_tags", "script", "last_worker", "last_worker_report", "last_update", "last_change",
            "last_iteration", "last_metrics", "metric_stats", "company_origin", "duration", "hyperparams",
            "configuration", "runtime", "models", "container", "enqueue_status");
    private static final Set<String> MODEL_1_10 = Set.of("_id", "company", "user", "name", "parent", "project",
            "created", "task", "comment", "tags", "system_tags", "uri", "framework", "design", "labels", "ready",
            "last_update", "ui_cache", "company_origin", "metadata");
    private static final Set<String> PROJECT_1_10 = Set.of("_id", "company", "user", "name", "basename",
            "description", "created", "tags", "system_tags", "default_output_destination", "last_update", "featured",
            "logo_url", "logo_blob", "company_origin", "parent", "path");

    private static Sandbox source;
    private static SeedReport seed;

    @TempDir
    Path out;

    @BeforeAll
    static void seed(Sandbox shared) {
        source = shared;
        source.reset();
        seed = new Seeder().seed(source.mongoUri(), source.elasticUri(), source.fileserverDir(),
                source.fileserverUrl(), SeedSize.small());
    }

    @Test
    void anArchiveForClearml110HoldsOnlyWhatItsModelsDeclare() {
        CliRun run = export("--for-clearml", "1.10", "--users", "--json");

        assertThat(run.exitCode()).as(run.output()).isZero();
        ClearmlImportRules.Archive archive = ClearmlImportRules.accept(ExportCommandTest.single(out));
        assertThat(archive.names()).doesNotContain(EntityKind.USERS_ENTRY);
        assertOnlyFields(archive.entities(EntityKind.TASK), TASK_1_10);
        assertOnlyFields(archive.entities(EntityKind.MODEL), MODEL_1_10);
        assertOnlyFields(archive.entities(EntityKind.PROJECT), PROJECT_1_10);
        assertThat(archive.entities(EntityKind.TASK)).allSatisfy(task -> assertThat(task.get("user")).isEqualTo(""));
        JsonNode report = json(run);
        assertThat(report.get("for_clearml").asText()).isEqualTo("1.10");
        assertThat(report.get("left_out").get("users.json").asLong()).isPositive();
        assertThat(report.get("left_out").get("model.last_changed_by").asLong())
                .isEqualTo(archive.entities(EntityKind.MODEL).size());
        assertThat(report.get("left_out").get("task.last_changed_by").asLong())
                .isEqualTo(archive.entities(EntityKind.TASK).size());
    }

    @Test
    void anArchiveForClearml20KeepsTheCurrentFieldsAndTheUsers() {
        CliRun run = export("--for-clearml", "2.0", "--users", "--json");

        assertThat(run.exitCode()).as(run.output()).isZero();
        ClearmlImportRules.Archive archive = ClearmlImportRules.accept(ExportCommandTest.single(out));
        assertThat(archive.names()).contains(EntityKind.USERS_ENTRY);
        assertThat(archive.entities(EntityKind.MODEL)).anySatisfy(model -> assertThat(model).containsKey("last_change"));
        assertThat(json(run).get("left_out")).isEmpty();
    }

    private CliRun export(String... flags) {
        List<String> args = new java.util.ArrayList<>(List.of("export", "--all", "--company",
                seed.companies().get(0), "--statuses", "created", "stopped", "published", "completed", "failed",
                "--output", out.toString(), "--mongo-host", source.mongoUri(), "--elastic-host",
                source.elasticUri().toString(), "--no-progress"));
        args.addAll(List.of(flags));
        return CliRun.run(args.toArray(String[]::new));
    }

    private static void assertOnlyFields(List<Document> documents, Set<String> declared) {
        assertThat(documents).isNotEmpty().allSatisfy(document ->
                assertThat(declared).as("fields of %s", document.get("_id")).containsAll(document.keySet()));
    }

    private static JsonNode json(CliRun run) {
        return run.json();
    }
}
