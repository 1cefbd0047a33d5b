package clearml.sandbox.seed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Builds the seeded server state in a fixed order (so a fixed random seed gives the same ids and documents): tenants,
 * the ordinary project tree with its tasks, models and events, then the hidden {@code .datasets}, {@code .pipelines}
 * and {@code .reports} projects, root-level, public and legacy tasks, and a standalone model. Events are written as
 * they are built; documents are collected for one batched insert.
 */
final class SeedWorld {

    /** 2024-06-10T00:00:00Z: every seeded time counts from here, so seeds are reproducible. */
    static final long EPOCH = 1_717_977_600_000L;
    private static final long HOUR = 3_600_000L;
    private static final List<String> ORDINARY_TYPES =
            TaskDocs.TYPES.stream().filter(type -> !"report".equals(type)).toList();
    private static final int SPECIAL_EVENTS = 20;
    private static final int MODEL_SCALARS = 12;

    private final SeedSize size;
    private final Ids ids;
    private final SeededDocuments documents;
    private final FileServerFiles files;
    private final EventFactory events;
    private final Projects projects;
    private final TaskDocs tasks;
    private final ModelDocs models;
    private final Map<String, List<String>> rootProjects = new LinkedHashMap<>();
    private final Map<String, String> lastOutputModel = new HashMap<>();
    private final Map<String, Boolean> modelWithEvents = new HashMap<>();
    private int clock;

    SeedWorld(SeedSize size, Ids ids, SeededDocuments documents, FileServerFiles files, EventFactory events,
            String fileserverUrl) {
        this.size = size;
        this.ids = ids;
        this.documents = documents;
        this.files = files;
        this.events = events;
        this.projects = new Projects(ids, documents, files, fileserverUrl);
        this.tasks = new TaskDocs(ids, fileserverUrl);
        this.models = new ModelDocs(ids);
    }

    /** Builds everything; returns the handy ids for the report. */
    Landmarks build() {
        List<Tenant> tenants = new Tenants(ids, documents, EPOCH).create();
        Tenant main = tenants.get(0);
        List<Document> mainProjects = ordinaryProjects(tenants);
        Document root = mainProjects.get(0);
        String dataset = dataset(main, root);
        String controller = pipeline(main, root);
        String report = report(main, root, mainProjects.get(mainProjects.size() - 1));
        tenants.forEach(this::rootLevelTask);
        String publicTask = publicTask(main);
        String legacy = legacyTask(main, root);
        String standalone = standaloneModel(main, root);
        Map<String, List<String>> roots = new LinkedHashMap<>();
        rootProjects.forEach((company, ids) -> roots.put(company, List.copyOf(ids)));
        return new Landmarks(tenants.stream().map(Tenant::id).toList(), java.util.Collections.unmodifiableMap(roots),
                publicTask, legacy, report, dataset, controller, standalone);
    }

    /** Spreads the ordinary projects over the companies; each company's projects form chains three levels deep. */
    private List<Document> ordinaryProjects(List<Tenant> tenants) {
        int others = Math.max(1, size.projects() / 4);
        int ordinal = 0;
        List<Document> mainProjects = List.of();
        for (int t = 0; t < tenants.size(); t++) {
            int count = t == 0 ? size.projects() - others * (tenants.size() - 1) : others;
            List<Document> created = projectChains(tenants.get(t), count);
            for (Document project : created) {
                for (int i = 0; i < size.tasksPerProject(); i++) {
                    ordinaryTask(tenants.get(t), project, ordinal++);
                }
            }
            mainProjects = t == 0 ? created : mainProjects;
        }
        return mainProjects;
    }

    private List<Document> projectChains(Tenant tenant, int count) {
        List<Document> created = new ArrayList<>();
        List<String> roots = rootProjects.computeIfAbsent(tenant.id(), k -> new ArrayList<>());
        for (int k = 0; k < count; k++) {
            long time = EPOCH + k * 60_000L;
            Document project = switch (k % 3) {
                case 0 -> projects.root(tenant, "Computer Vision " + k, List.of(), time);
                case 1 -> projects.child(tenant, created.get(k - 1), "Détection d'objets " + k, List.of(), time);
                default -> projects.child(tenant, created.get(k - 1), "runs #" + k + " (nightly)", List.of(), time);
            };
            if (k % 3 == 0) {
                projects.describe(project);
                roots.add(project.getString("_id"));
            }
            created.add(project);
        }
        return created;
    }

    private void ordinaryTask(Tenant tenant, Document project, int ordinal) {
        long created = nextTime();
        String status = TaskDocs.STATUSES.get(ordinal % TaskDocs.STATUSES.size());
        String type = ORDINARY_TYPES.get(ordinal % ORDINARY_TYPES.size());
        Document task = tasks.task(tenant.id(), tenant.member(ordinal), project, "train résnet " + ordinal, type,
                status, created);
        if (ordinal % 7 == 5) {
            TaskDocs.addSystemTag(task, "archived");
        }
        String prefix = prefix(project, task);
        artifacts(task, prefix, created);
        models(tenant, project, task, prefix, ordinal, created);
        writeEvents(task, tenant.id(), prefix, size.eventsPerTask(), ordinal % 10 == 0);
        documents.backend("task", task);
    }

    private void artifacts(Document task, String prefix, long created) {
        Document predictions = tasks.artifact(task, "predictions", "pandas", "output", "", created);
        predictions.put("uri", files.artifactUrl(predictions, prefix + "/artifacts/predictions/predictions.csv.gz"));
        Document summary = tasks.artifact(task, "metrics summary", "JSON", "output", "", created);
        summary.put("uri", files.artifactUrl(summary, prefix + "/artifacts/metrics summary/metrics summary.json"));
        tasks.artifact(task, "raw data", "custom", "input", "s3://acme-ml-data/raw/" + task.getString("_id")
                + "/images.tar.gz", created);
    }

    /** Even tasks write an output model (every third on S3); odd tasks read the company's last output model. */
    private void models(Tenant tenant, Document project, Document task, String prefix, int ordinal, long created) {
        String taskId = task.getString("_id");
        if (ordinal % 2 == 0) {
            boolean s3 = ordinal % 3 == 0;
            String uri = s3 ? "s3://acme-ml-models/" + taskId + "/model_best.pt"
                    : files.url(prefix + "/models/model_best.pt");
            Document model = documents.backend("model", models.model(tenant.id(), task.getString("user"),
                    project.getString("_id"), taskId, "train résnet " + ordinal + " best", uri, created));
            TaskDocs.useModel(task, "output", "Output Model", model.getString("_id"), created + 60_000);
            lastOutputModel.put(tenant.id(), model.getString("_id"));
            if (!s3 && modelWithEvents.putIfAbsent(tenant.id(), true) == null) {
                modelEvents(model, tenant.id(), prefix);
            }
        } else if (lastOutputModel.containsKey(tenant.id())) {
            TaskDocs.useModel(task, "input", "Input Model", lastOutputModel.get(tenant.id()), created);
        }
    }

    private void modelEvents(Document model, String company, String prefix) {
        EventSubject subject = new EventSubject(model.getString("_id"), company, prefix + "/models", true,
                model.getDate("created").getTime() + 120_000);
        events.modelEvents(subject, MODEL_SCALARS).applyTo(model, false);
    }

    private void writeEvents(Document task, String indexCompany, String prefix, int count, boolean bigPlot) {
        long first = task.getDate("created").getTime() + 120_000;
        EventSubject subject = new EventSubject(task.getString("_id"), indexCompany, prefix, false, first);
        events.taskEvents(subject, count, bigPlot).applyTo(task, true);
    }

    private String dataset(Tenant tenant, Document root) {
        Document parent = projects.child(tenant, root, ".datasets", List.of("hidden"), nextTime());
        Document project = projects.child(tenant, parent, "cats and dogs", List.of("dataset", "hidden"), nextTime());
        long created = nextTime();
        Document task = tasks.task(tenant.id(), tenant.admin(), project, "cats and dogs", "data_processing",
                "completed", created);
        TaskDocs.addSystemTag(task, "dataset");
        task.put("runtime", new Document("version", "1.0.0").append("ds_file_count", 1200)
                .append("ds_link_count", 0).append("ds_total_size", 48_000_000L));
        String prefix = prefix(project, task);
        Document state = tasks.artifact(task, "state", "dict", "output", "", created);
        state.put("uri", files.artifactUrl(state, prefix + "/artifacts/state/state.json"));
        Document data = tasks.artifact(task, "data", "custom", "output", "", created);
        data.put("uri", files.artifactUrl(data, prefix + "/artifacts/data/dataset." + task.getString("_id") + ".zip"));
        writeEvents(task, tenant.id(), prefix, SPECIAL_EVENTS, false);
        return documents.backend("task", task).getString("_id");
    }

    private String pipeline(Tenant tenant, Document root) {
        Document parent = projects.child(tenant, root, ".pipelines", List.of("hidden"), nextTime());
        Document project = projects.child(tenant, parent, "nightly training", List.of("hidden", "pipeline"),
                nextTime());
        long created = nextTime();
        Document controller = tasks.task(tenant.id(), tenant.admin(), project, "nightly training", "controller",
                "completed", created);
        TaskDocs.addSystemTag(controller, "pipeline");
        String prefix = prefix(project, controller);
        Document state = tasks.artifact(controller, "pipeline_state", "dict", "output", "", created);
        state.put("uri", files.artifactUrl(state, prefix + "/artifacts/pipeline_state/pipeline_state.json"));
        Document step = pipelineStep(tenant, project, controller);
        controller.get("configuration", Document.class).put("Pipeline", new Document("name", "Pipeline")
                .append("value", "{\"stage train\": {\"task_id\": \"" + step.getString("_id") + "\"}}")
                .append("type", "dictionary").append("description", "pipeline steps"));
        writeEvents(controller, tenant.id(), prefix, SPECIAL_EVENTS, false);
        return documents.backend("task", controller).getString("_id");
    }

    private Document pipelineStep(Tenant tenant, Document project, Document controller) {
        Document step = tasks.task(tenant.id(), tenant.admin(), project, "stage train", "training", "completed",
                nextTime());
        step.put("parent", controller.getString("_id"));
        step.put("tags", List.of("pipe: " + controller.getString("_id"), "seeded"));
        writeEvents(step, tenant.id(), prefix(project, step), SPECIAL_EVENTS, false);
        return documents.backend("task", step);
    }

    private String report(Tenant tenant, Document root, Document shown) {
        Document project = projects.child(tenant, root, ".reports", List.of("hidden", "reports"), nextTime());
        Document report = tasks.task(tenant.id(), tenant.admin(), project, "weekly report — ça marche", "report",
                "published", nextTime());
        report.put("system_tags", List.of("hidden", "reports"));
        String id = report.getString("_id");
        String chart = files.url("reports/" + id + "/loss curve.png");
        String table = files.url("reports/" + id + "/confusion table.png");
        report.put("report", "# Weekly report\n\n![loss](" + chart + ")\n\n![table](" + table + ")\n\n"
                + "<iframe src=\"http://localhost:8080/widgets/?objectType=task&xaxis=iter&type=scalar&metrics=loss"
                + "&variants=train&project=" + shown.getString("_id") + "&company=" + tenant.id() + "\"></iframe>\n");
        report.put("report_assets", List.of(chart, table));
        return documents.backend("task", report).getString("_id");
    }

    private void rootLevelTask(Tenant tenant) {
        Document task = tasks.task(tenant.id(), tenant.admin(), null, "scratch notebook", "training", "stopped",
                nextTime());
        writeEvents(task, tenant.id(), prefix(null, task), SPECIAL_EVENTS, false);
        documents.backend("task", task);
    }

    /** A task made public: company "" and company_origin; its events stay in the origin's indices (§1.2). */
    private String publicTask(Tenant origin) {
        Document task = tasks.task("", origin.admin(), null, "example: mnist public", "training", "published",
                nextTime());
        task.put("company_origin", origin.id());
        String prefix = prefix(null, task);
        Document weights = tasks.artifact(task, "weights", "custom", "output", "", task.getDate("created").getTime());
        weights.put("uri", files.artifactUrl(weights, prefix + "/artifacts/weights/mnist.pt"));
        writeEvents(task, origin.id(), prefix, SPECIAL_EVENTS, true);
        return documents.backend("task", task).getString("_id");
    }

    private String legacyTask(Tenant tenant, Document project) {
        long created = nextTime();
        Document task = tasks.task(tenant.id(), tenant.admin(), project, "legacy 0.15 run", "training", "published",
                created);
        String prefix = prefix(project, task);
        Document model = legacyModel(tenant, project, task, prefix, created);
        Document history = new Document("key", "history").append("type", "pandas").append("mode", "output");
        history.append("uri", files.artifactUrl(history, prefix + "/artifacts/history/history.csv"))
                .append("content_size", 0L).append("timestamp", created / 1000);
        LegacyShape.apply(task, model.getString("_id"), lastOutputModel.get(tenant.id()), history);
        EventSubject subject = new EventSubject(task.getString("_id"), tenant.id(), prefix, false, created + 120_000);
        MetricStats stats = events.taskEvents(subject, SPECIAL_EVENTS, false);
        events.vectorEvents(new EventSubject(task.getString("_id"), tenant.id(), prefix, false, created), 5, stats);
        stats.applyTo(task, true);
        return documents.backend("task", task).getString("_id");
    }

    private Document legacyModel(Tenant tenant, Document project, Document task, String prefix, long created) {
        Document model = models.model(tenant.id(), tenant.admin(), project.getString("_id"), task.getString("_id"),
                "legacy 0.15 model", files.url(prefix + "/models/legacy model.h5"), created);
        ModelDocs.makeMetadataLegacy(model);
        return documents.backend("model", model);
    }

    private String standaloneModel(Tenant tenant, Document project) {
        String id = ids.id();
        String uri = files.url(project.getString("name") + "/models/imagenet backbone." + id + "/backbone weights.pt");
        Document model = models.model(tenant.id(), tenant.admin(), project.getString("_id"), null,
                "imagenet backbone", uri, nextTime());
        model.put("_id", id);
        modelEvents(model, tenant.id(), project.getString("name") + "/models/imagenet backbone." + id);
        return documents.backend("model", model).getString("_id");
    }

    /** {@code <project name>/<task name>.<task id>}, or without the project for root-level tasks (§6.2). */
    private static String prefix(@Nullable Document project, Document task) {
        String leaf = task.getString("name") + "." + task.getString("_id");
        return project == null ? leaf : project.getString("name") + "/" + leaf;
    }

    private long nextTime() {
        return EPOCH + HOUR * clock++;
    }

    /** The ids a report hands to tests. */
    record Landmarks(List<String> companies, Map<String, List<String>> rootProjects, String publicTask,
            String legacyTask, String reportTask, String datasetTask, String pipelineController,
            String standaloneModel) {
    }
}
