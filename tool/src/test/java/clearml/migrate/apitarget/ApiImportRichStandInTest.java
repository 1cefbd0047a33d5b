package clearml.migrate.apitarget;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.api.ApiClient;
import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.importing.ImportSettings;
import clearml.migrate.links.UrlMap;
import clearml.migrate.progress.Progress;
import clearml.migrate.proof.VerifyReport;
import clearml.migrate.proof.VerifySettings;
import clearml.sandbox.Sandbox;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rich genuine archive (datasets, pipelines, a report, every status and event type) imported through the
 * sandbox's ClearML API stand-in (not ClearML's apiserver). The API cannot set some of what it holds; the import
 * and verify must both name each such field, and nothing else.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class ApiImportRichStandInTest {

    /** The rich archive's published report. */
    private static final String REPORT = "7dbc9c356a9ed8335fe35709dae1410d";

    @TempDir
    Path dir;

    @Test
    void reportsEveryFieldTheServerDidNotKeep(@TargetServer Sandbox sandbox, @TargetServer ApiStandIn api) {
        StandInTarget target = StandInTarget.fresh(sandbox, api);
        Path archive = StandInTarget.fixture("clearml-server-2.0.0-rich", dir);
        try (ApiClient client = target.admin()) {
            ApiImportReport report = new ApiImporter(client, null, Clock.systemUTC())
                    .run(ImportSettings.defaults(archive, null, null), null, Progress.SILENT);
            VerifyReport verified = new ApiVerifier(client, Clock.systemUTC()).run(
                    new VerifySettings(archive, null, null, false, false, UrlMap.empty(), null), null,
                    Progress.SILENT);

            assertThat(report.created()).containsEntry("project", 8L).containsEntry("task", 9L)
                    .containsEntry("model", 6L);
            assertThat(report.eventsRefused()).isZero();
            // ClearML's server has no call that sets these: output.result (services/tasks.py), statistics of a
            // model whose events ClearML's exporter left out, and references to a project and task outside the
            // archive, which it refuses to store (models.py validate_task, TaskBLL.validate).
            assertThat(report.differencesByField()).containsOnlyKeys("task.output.result", "model.last_iteration",
                    "model.last_metrics.f481166218f4d150690450c1f70aa7bd", "model.unique_metrics", "model.project",
                    "model.task");
            assertThat(report.complete()).isFalse();
            assertThat(verified.differences()).extracting(d -> d.detail().substring(0, d.detail().indexOf(':')))
                    .containsExactlyInAnyOrder("field output.result", "field last_iteration",
                            "field last_metrics.f481166218f4d150690450c1f70aa7bd", "field unique_metrics",
                            "field project", "field task");
        }
    }

    /**
     * {@code reports.update} takes a report's text and assets only from a draft (services/reports.py): the import
     * sends them before the status calls publish it, so the published report holds them as archived.
     */
    @Test
    void publishesAReportWithTheTextAndAssetsItWasArchivedWith(@TargetServer Sandbox sandbox,
            @TargetServer ApiStandIn api) {
        Path archive = StandInTarget.fixture("clearml-server-2.0.0-rich", dir);
        Document archived = archivedTask(archive, REPORT);

        Document stored = importedThenStored(sandbox, api, archive, EntityKind.TASK, REPORT);

        assertThat(stored.getString("status")).isEqualTo("published");
        assertThat(stored.getString("report")).isNotBlank().isEqualTo(archived.getString("report"));
        assertThat(stored.getList("report_assets", String.class)).isNotEmpty()
                .isEqualTo(archived.getList("report_assets", String.class));
    }

    /** Imports {@code archive} through the API into a fresh server; answers what it stores for an archived entity. */
    private static Document importedThenStored(Sandbox sandbox, ApiStandIn api, Path archive, EntityKind kind,
            String archivedId) {
        StandInTarget target = StandInTarget.fresh(sandbox, api);
        try (ApiClient client = target.admin()) {
            new ApiImporter(client, null, Clock.systemUTC()).run(ImportSettings.defaults(archive, null, null), null,
                    Progress.SILENT);
            IdMap ids = IdMap.open(IdMap.besideArchive(archive), client.host().toString(), api.primaryCompany());
            try (MongoClient mongo = MongoClients.create(sandbox.mongoUri())) {
                return mongo.getDatabase("backend").getCollection(kind.name().toLowerCase(Locale.ROOT))
                        .find(new Document("_id", ids.target(kind, archivedId))).first();
            }
        }
    }

    private static Document archivedTask(Path archive, String id) {
        try (ArchiveReader reader = ArchiveReader.open(archive);
                CloseableIterator<Document> tasks = reader.entities(EntityKind.TASK)) {
            while (tasks.hasNext()) {
                Document task = tasks.next();
                if (id.equals(task.get("_id"))) {
                    return task;
                }
            }
        }
        throw new AssertionError("no task " + id + " in " + archive);
    }

    /** The archive holds a metadata key as stored ({@code input%2Esize}); sent as stored, it would be escaped twice. */
    @Test
    void storesAModelsMetadataKeysEscapedOnceAsTheArchiveHoldsThem(@TargetServer Sandbox sandbox,
            @TargetServer ApiStandIn api) {
        Path archive = StandInTarget.fixture("clearml-server-2.0.0-rich", dir);

        Document model = importedThenStored(sandbox, api, archive, EntityKind.MODEL,
                "8f9876250e7496e73e7775063a717a80");

        assertThat(model.get("metadata", Document.class).keySet())
                .containsExactlyInAnyOrder("arch", "input%2Esize", "migrated");
    }
}
