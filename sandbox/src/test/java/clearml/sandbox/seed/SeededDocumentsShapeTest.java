package clearml.sandbox.seed;

import clearml.sandbox.Hashes;
import static org.assertj.core.api.Assertions.assertThat;

import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The small seed's MongoDB documents and files have the shapes of clearml-data-model.md §1 and §6. */
@ExtendWith(SandboxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeededDocumentsShapeTest {

    private Sandbox sandbox;
    private SeedReport report;
    private StoredDocuments stored;

    @BeforeAll
    void seedOnce(Sandbox source) {
        sandbox = source;
        sandbox.reset();
        report = new Seeder().seed(sandbox, SeedSize.small());
        stored = StoredDocuments.read(sandbox.mongoUri());
    }

    @Test
    void keepsTheProjectHierarchyInvariants() {
        Map<String, Document> byId = stored.of("backend.project").stream()
                .collect(Collectors.toMap(p -> p.getString("_id"), p -> p));
        for (Document project : byId.values()) {
            List<String> path = project.getList("path", String.class);
            if (project.getString("parent") == null) {
                assertThat(path).isEmpty();
                assertThat(project.getString("name")).isEqualTo(project.getString("basename"));
                continue;
            }
            Document parent = byId.get(project.getString("parent"));
            assertThat(project.getString("name")).isEqualTo(parent.getString("name") + "/" + project.getString("basename"));
            assertThat(project.getString("parent")).isEqualTo(path.get(path.size() - 1));
            assertThat(path).isEqualTo(concat(parent.getList("path", String.class), parent.getString("_id")));
            assertThat(project.getString("company")).isEqualTo(parent.getString("company"));
        }
        assertThat(byId.values()).anySatisfy(p -> assertThat(p.getList("path", String.class)).hasSizeGreaterThanOrEqualTo(2));
        assertThat(byId.values()).anySatisfy(p -> assertThat(p.getString("name")).contains(" ").matches(".*[^\\x00-\\x7f].*"));
    }

    @Test
    void describesARootProjectWithAFileServerImage() {
        assertThat(stored.of("backend.project")).anySatisfy(p -> assertThat(p.getString("description"))
                .contains("](" + sandbox.fileserverUrl() + "/"));
        assertThat(stored.of("backend.project")).allSatisfy(p ->
                assertThat(p.getString("default_output_destination")).isEqualTo(sandbox.fileserverUrl()));
    }

    @Test
    void hasTasksOfEveryStatusAndType() {
        List<Document> tasks = stored.of("backend.task");
        assertThat(tasks.stream().map(t -> t.getString("status")).collect(Collectors.toSet())).containsExactlyInAnyOrder(
                "created", "queued", "in_progress", "stopped", "publishing", "published", "closed", "failed",
                "completed", "unknown");
        assertThat(tasks.stream().map(t -> t.getString("type")).collect(Collectors.toSet())).containsExactlyInAnyOrder(
                "training", "testing", "inference", "data_processing", "application", "monitor", "controller",
                "report", "optimizer", "service", "qc", "custom");
        assertThat(tasks).anySatisfy(t -> assertThat(t.getList("system_tags", String.class)).contains("archived"));
        assertThat(tasks).anySatisfy(t -> assertThat(t.containsKey("project")).isFalse());
    }

    @Test
    void hidesDatasetsPipelinesAndReportsAsTheSdkAndWebAppDo() {
        assertThat(systemTagsOfProject(".datasets")).containsExactly("hidden");
        assertThat(systemTagsOfProject("cats and dogs")).containsExactly("dataset", "hidden");
        assertThat(systemTagsOfProject(".pipelines")).containsExactly("hidden");
        assertThat(systemTagsOfProject("nightly training")).containsExactly("hidden", "pipeline");
        assertThat(systemTagsOfProject(".reports")).containsExactly("hidden", "reports");

        Document dataset = stored.byId("backend.task", report.datasetTaskId());
        assertThat(dataset.getString("type")).isEqualTo("data_processing");
        assertThat(dataset.getList("system_tags", String.class)).contains("dataset");
        assertThat(artifactKeys(dataset)).containsExactlyInAnyOrder("state", "data");

        Document controller = stored.byId("backend.task", report.pipelineControllerId());
        assertThat(controller.getString("type")).isEqualTo("controller");
        assertThat(controller.getList("system_tags", String.class)).contains("pipeline");
        assertThat(artifactKeys(controller)).contains("pipeline_state");
        assertThat(stored.of("backend.task")).anySatisfy(t ->
                assertThat(t.getString("parent")).isEqualTo(report.pipelineControllerId()));

        Document reportTask = stored.byId("backend.task", report.reportTaskId());
        assertThat(reportTask.getString("type")).isEqualTo("report");
        assertThat(reportTask.getList("system_tags", String.class)).containsExactly("hidden", "reports");
        assertThat(reportTask.getString("report")).contains("](" + sandbox.fileserverUrl() + "/reports/"
                + report.reportTaskId() + "/");
        assertThat(reportTask.getList("report_assets", String.class)).isNotEmpty().allSatisfy(url ->
                assertThat(url).startsWith(sandbox.fileserverUrl() + "/reports/" + report.reportTaskId() + "/"));
    }

    @Test
    void keysArtifactsAndLastMetricsByMd5() {
        for (Document task : stored.of("backend.task")) {
            Object artifacts = task.get("execution", Document.class).get("artifacts");
            if (artifacts instanceof Document map) {
                map.forEach((key, value) -> assertThat(key).isEqualTo(Hashes.md5(((Document) value).getString("key"))
                        + "_" + ((Document) value).getString("mode")));
            }
            Document lastMetrics = task.get("last_metrics", Document.class);
            lastMetrics.forEach((metricKey, variants) -> ((Document) variants).forEach((variantKey, event) -> {
                assertThat(metricKey).isEqualTo(Hashes.md5(((Document) event).getString("metric")));
                assertThat(variantKey).isEqualTo(Hashes.md5(((Document) event).getString("variant")));
            }));
        }
    }

    @Test
    void shapesTheLegacyTaskAsBeforeServer10() {
        Document legacy = stored.byId("backend.task", report.legacyTaskId());
        Document execution = legacy.get("execution", Document.class);
        assertThat(execution.get("parameters", Document.class)).isNotEmpty();
        assertThat(execution.get("model_desc", Document.class)).isNotEmpty();
        assertThat(execution.getString("model")).isNotBlank();
        assertThat(execution.getString("docker_cmd")).isNotBlank();
        assertThat(execution.get("artifacts")).isInstanceOf(List.class);
        assertThat(legacy.get("output", Document.class).getString("model")).isNotBlank();
        assertThat(legacy).doesNotContainKeys("hyperparams", "configuration", "models", "container");
    }

    @Test
    void makesOneTaskPublicWithItsOriginCompany() {
        Document task = stored.byId("backend.task", report.publicTaskId());
        assertThat(task.getString("company")).isEmpty();
        assertThat(task.getString("company_origin")).isEqualTo(report.companies().get(0));
    }

    @Test
    void referencesModelsOnTheFileServerAndOnS3AndKeepsOneStandalone() {
        List<Document> models = stored.of("backend.model");
        assertThat(models).anySatisfy(m -> assertThat(m.getString("uri")).startsWith(sandbox.fileserverUrl() + "/"));
        assertThat(models).anySatisfy(m -> assertThat(m.getString("uri")).startsWith("s3://"));
        Set<String> referenced = new HashSet<>();
        for (Document task : stored.of("backend.task")) {
            Document refs = task.get("models", Document.class);
            if (refs != null) {
                refs.getList("input", Document.class).forEach(r -> referenced.add(r.getString("model")));
                refs.getList("output", Document.class).forEach(r -> referenced.add(r.getString("model")));
            }
        }
        assertThat(referenced).isSubsetOf(models.stream().map(m -> m.getString("_id")).toList());
        assertThat(stored.of("backend.task")).anySatisfy(t -> assertThat(
                t.get("models", new Document()).getList("input", Document.class, List.of())).isNotEmpty());
        Document standalone = stored.byId("backend.model", report.standaloneModelId());
        assertThat(referenced).doesNotContain(standalone.getString("_id"));
        assertThat(standalone.getString("project")).isNotBlank();
        assertThat(standalone.get("metadata", Document.class)).isNotEmpty();
    }

    @Test
    void seedsCompaniesUsersVersionsAndTheServerUuid() {
        assertThat(report.companies()).hasSizeGreaterThanOrEqualTo(2).startsWith("d1bd92a3b039400cbafc60a7a5b1e52b");
        assertThat(stored.byId("backend.company", "d1bd92a3b039400cbafc60a7a5b1e52b").getString("name"))
                .isEqualTo("clearml");
        assertThat(stored.of("backend.versions").stream().map(v -> v.getString("num")).max(SeededDocumentsShapeTest::byVersion))
                .contains("1.9.0");
        assertThat(stored.byId("backend.settings", "server.uuid").getString("value")).matches("[0-9a-f]{32}");
        for (String company : report.companies()) {
            List<Document> authUsers = stored.of("auth.user").stream()
                    .filter(u -> company.equals(u.getString("company"))).toList();
            assertThat(authUsers).extracting(u -> u.getString("role")).contains("admin", "user");
            assertThat(authUsers).allSatisfy(u -> {
                assertThat(u.getString("email")).contains("@");
                assertThat(u.getList("credentials", Document.class)).allSatisfy(c ->
                        assertThat(c).containsKeys("key", "secret"));
                assertThat(stored.byId("backend.user", u.getString("_id")).getString("company")).isEqualTo(company);
            });
        }
    }

    @Test
    void countsWhatItWroteInTheReport() {
        Map<String, Long> counts = new HashMap<>();
        stored.all().forEach((collection, docs) -> counts.put(collection, (long) docs.size()));
        assertThat(counts).isEqualTo(report.documents());
        Map<String, Long> files = FileServerPaths.filesUnder(sandbox.fileserverDir());
        assertThat((long) files.size()).isEqualTo(report.files());
        assertThat(files.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(report.fileBytes())
                .isEqualTo(SeedSize.small().artifactBytes());
    }

    @Test
    void storesEveryFileAMongoDocumentNamesAndNothingForS3() {
        Set<String> named = new HashSet<>();
        stored.eachString(value -> FileServerPaths.urlsIn(value, sandbox.fileserverUrl())
                .forEach(url -> named.add(FileServerPaths.relativePath(url))));
        assertThat(named).isNotEmpty().allSatisfy(path ->
                assertThat(Files.isRegularFile(sandbox.fileserverDir().resolve(path))).as(path).isTrue());
        assertThat(named).anySatisfy(path -> assertThat(path).contains(" ").matches(".*[^\\x00-\\x7f].*"));
        assertThat(FileServerPaths.filesUnder(sandbox.fileserverDir()).keySet())
                .noneMatch(path -> path.contains("acme-ml-"));
    }

    @Test
    void writesArtifactContentSizesThatMatchTheFiles() {
        for (Document task : stored.of("backend.task")) {
            Object artifacts = task.get("execution", Document.class).get("artifacts");
            List<?> entries = artifacts instanceof Document map ? List.copyOf(map.values()) : (List<?>) artifacts;
            for (Object entry : entries) {
                String uri = ((Document) entry).getString("uri");
                if (uri.startsWith(sandbox.fileserverUrl())) {
                    assertThat(sandbox.fileserverDir().resolve(FileServerPaths.relativePath(uri)))
                            .hasSize(((Number) ((Document) entry).get("content_size")).longValue());
                }
            }
        }
    }

    private List<String> systemTagsOfProject(String basename) {
        return stored.of("backend.project").stream().filter(p -> basename.equals(p.getString("basename")))
                .findFirst().orElseThrow().getList("system_tags", String.class);
    }

    private static Set<String> artifactKeys(Document task) {
        return task.get("execution", Document.class).get("artifacts", Document.class).values().stream()
                .map(a -> ((Document) a).getString("key")).collect(Collectors.toSet());
    }

    private static List<String> concat(List<String> list, String last) {
        List<String> all = new java.util.ArrayList<>(list);
        all.add(last);
        return all;
    }

    private static int byVersion(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < 3; i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
