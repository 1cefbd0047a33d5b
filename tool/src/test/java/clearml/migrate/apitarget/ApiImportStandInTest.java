package clearml.migrate.apitarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.api.ApiClient;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.failures.StoreUnreachableException;
import clearml.migrate.importing.ImportSettings;
import clearml.migrate.progress.Progress;
import clearml.migrate.proof.VerifyReport;
import clearml.migrate.proof.VerifySettings;
import clearml.migrate.links.UrlMap;
import clearml.migrate.testing.StoreSnapshot;
import clearml.sandbox.Sandbox;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import}, {@code verify} and {@code undo} through the REST API against the sandbox's ClearML API stand-in
 * (not ClearML's apiserver, which cannot be installed here), with genuine archives of ClearML 2.0.0's exporter:
 * the server chooses ids, dates and owners; the import maps ids everywhere, keeps the archived dates and owners in
 * {@code migrated}, replays statuses after events, and reads every entity back.
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class ApiImportStandInTest {

    private static final String SMALL = "clearml-server-2.0.0";
    private static final String TRAIN = "d0000000000000000000000000000001";
    private static final String CHILD = "d0000000000000000000000000000002";
    private static final String INPUT_MODEL = "c0000000000000000000000000000001";
    private static final String OUTPUT_MODEL = "c0000000000000000000000000000002";
    private static final String ROOT = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

    @TempDir
    Path dir;

    @Test
    void importsAGenuineArchiveUnderTheServersIdsAndVerifyFindsItEqual(@TargetServer Sandbox sandbox,
            @TargetServer ApiStandIn api) {
        StandInTarget target = StandInTarget.fresh(sandbox, api);
        Path archive = StandInTarget.fixture(SMALL, dir);
        try (ApiClient client = target.admin()) {
            ApiImportReport report = importInto(client, archive);

            assertThat(report.differencesByField()).isEmpty();
            assertThat(report.complete()).isTrue();
            assertThat(report.created()).containsEntry("task", 3L).containsEntry("model", 2L)
                    .containsEntry("project", 2L);
            assertThat(report.eventsSent()).isEqualTo(6);
            IdMap ids = IdMap.open(IdMap.besideArchive(archive), client.host().toString(), api.primaryCompany());
            Document child = stored(sandbox, "task", ids.target(EntityKind.TASK, CHILD));
            assertThat(child.getString("parent")).isEqualTo(ids.target(EntityKind.TASK, TRAIN));
            assertThat(child.getString("status")).isEqualTo("published");
            assertThat(child.get("models", Document.class).getList("input", Document.class).get(0).get("model"))
                    .isEqualTo(ids.target(EntityKind.MODEL, INPUT_MODEL));
            assertThat(stored(sandbox, "model", ids.target(EntityKind.MODEL, OUTPUT_MODEL)).getString("task"))
                    .isEqualTo(ids.target(EntityKind.TASK, CHILD));
            Document train = stored(sandbox, "task", ids.target(EntityKind.TASK, TRAIN));
            assertThat(train.getString("project")).isEqualTo(ids.target(EntityKind.PROJECT, ROOT));
            assertThat(train.get("runtime", Document.class).get("migrated", Document.class))
                    .containsEntry("id", TRAIN).containsEntry("started", "2026-11-24T12:23:37Z");
            assertThat(train.getList("system_tags", String.class)).contains("migrated");
            assertThat(train.get("last_metrics", Document.class)).isNotEmpty();

            VerifyReport verified = new ApiVerifier(client, Clock.systemUTC()).run(verifySettings(archive), null,
                    Progress.SILENT);
            assertThat(verified.differences()).isEmpty();
            assertThat(verified.equal()).isTrue();
            assertThat(verified.eventsByType()).containsEntry("training_stats_scalar", 3L);
        }
    }

    @Test
    void aRerunUpdatesWhatTheFirstRunCreatedAndCreatesNothingTwice(@TargetServer Sandbox sandbox,
            @TargetServer ApiStandIn api) {
        StandInTarget target = StandInTarget.fresh(sandbox, api);
        Path archive = StandInTarget.fixture(SMALL, dir);
        try (ApiClient client = target.admin()) {
            importInto(client, archive);
            List<String> tasks = ids(sandbox, "task");
            List<String> models = ids(sandbox, "model");
            List<String> projects = ids(sandbox, "project");

            ApiImportReport rerun = importInto(client, archive);

            assertThat(rerun.created()).containsEntry("task", 0L).containsEntry("model", 0L)
                    .containsEntry("project", 0L);
            assertThat(rerun.updated()).containsEntry("task", 0L).containsEntry("model", 0L)
                    .containsEntry("project", 2L);
            assertThat(rerun.unchanged()).isEqualTo(5);
            assertThat(rerun.eventsSent()).isZero();
            assertThat(rerun.differences()).isEmpty();
            assertThat(rerun.complete()).isTrue();
            assertThat(ids(sandbox, "task")).containsExactlyInAnyOrderElementsOf(tasks);
            assertThat(ids(sandbox, "model")).containsExactlyInAnyOrderElementsOf(models);
            assertThat(ids(sandbox, "project")).containsExactlyInAnyOrderElementsOf(projects);
            assertThat(new ApiVerifier(client, Clock.systemUTC()).run(verifySettings(archive), null, Progress.SILENT)
                    .equal()).isTrue();
        }
    }

    @Test
    void anImportCutAfterItsCreatesEndsWhereAnUncutOneDoesWhenRunAgain(@TargetServer Sandbox sandbox,
            @TargetServer ApiStandIn api) {
        StandInTarget target = StandInTarget.fresh(sandbox, api);
        Path archive = StandInTarget.fixture(SMALL, dir);
        try (ApiClient client = target.admin()) {
            // A gateway that loses the answer of an event batch: the client cannot know whether it landed.
            api.faults().inject("events.add_batch", 502, 1);
            assertThatThrownBy(() -> importInto(client, archive)).isInstanceOf(StoreUnreachableException.class);

            ApiImportReport rerun = importInto(client, archive);

            assertThat(rerun.differences()).isEmpty();
            assertThat(rerun.complete()).isTrue();
            assertThat(ids(sandbox, "task")).hasSize(3);
            assertThat(ids(sandbox, "model")).hasSize(2);
            assertThat(new ApiVerifier(client, Clock.systemUTC()).run(verifySettings(archive), null, Progress.SILENT)
                    .differences()).isEmpty();
        }
    }

    @Test
    void undoDeletesWhatTheImportCreatedAndLeavesTheServerAsBefore(@TargetServer Sandbox sandbox,
            @TargetServer ApiStandIn api) {
        StandInTarget target = StandInTarget.fresh(sandbox, api);
        Path archive = StandInTarget.fixture(SMALL, dir);
        try (ApiClient client = target.admin()) {
            client.identity(); // logged in before the snapshot, as the import's login is no part of it
            StoreSnapshot before = snapshot(sandbox);
            importInto(client, archive);
            importInto(client, archive);

            ApiUndoReport undone = new ApiUndoer(client, location -> { throw new AssertionError("no files placed: " + location); }).run(IdMap.besideArchive(archive), false, Progress.SILENT);

            assertThat(undone.deleted()).containsEntry("task", 3L).containsEntry("model", 2L)
                    .containsEntry("project", 2L);
            assertThat(undone.kept()).isEmpty();
            assertThat(snapshot(sandbox).differences(before)).isEmpty();
            ApiUndoReport again = new ApiUndoer(client, location -> { throw new AssertionError("no files placed: " + location); }).run(IdMap.besideArchive(archive), false, Progress.SILENT);
            assertThat(again.deleted()).isEmpty();
        }
    }

    @Test
    void aUserKeyImportsAsItsUserAndSaysWhoseEntitiesTheyWere(@TargetServer Sandbox sandbox,
            @TargetServer ApiStandIn api) {
        StandInTarget target = StandInTarget.fresh(sandbox, api);
        Path archive = StandInTarget.fixture(SMALL, dir);
        try (ApiClient client = target.user()) {
            ApiImportReport report = importInto(client, archive);

            assertThat(report.notOwned()).isEqualTo(7);
            IdMap ids = IdMap.open(IdMap.besideArchive(archive), client.host().toString(), api.primaryCompany());
            Document train = stored(sandbox, "task", ids.target(EntityKind.TASK, TRAIN));
            assertThat(train.getString("user")).isEqualTo(client.identity().userId());
            assertThat(train.get("runtime", Document.class).get("migrated", Document.class))
                    .containsEntry("user", report.planned().isEmpty() ? "" : "__allegroai__");
        }
    }

    private static ApiImportReport importInto(ApiClient client, Path archive) {
        return new ApiImporter(client, null, Clock.systemUTC()).run(ImportSettings.defaults(archive, null, null),
                null, Progress.SILENT);
    }

    private static VerifySettings verifySettings(Path archive) {
        return new VerifySettings(archive, null, null, false, false, UrlMap.empty(), null);
    }

    private static StoreSnapshot snapshot(Sandbox sandbox) {
        return StoreSnapshot.of(sandbox.mongoUri(), sandbox.elasticUri(), sandbox.fileserverDir()).ignoringEmpty();
    }

    private static Document stored(Sandbox sandbox, String collection, String id) {
        try (MongoClient mongo = MongoClients.create(sandbox.mongoUri())) {
            return mongo.getDatabase("backend").getCollection(collection).find(new Document("_id", id)).first();
        }
    }

    private static List<String> ids(Sandbox sandbox, String collection) {
        try (MongoClient mongo = MongoClients.create(sandbox.mongoUri())) {
            List<String> ids = new ArrayList<>();
            mongo.getDatabase("backend").getCollection(collection).find()
                    .forEach(document -> ids.add(document.getString("_id")));
            return ids;
        }
    }
}
