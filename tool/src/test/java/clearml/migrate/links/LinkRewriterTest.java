package clearml.migrate.links;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.events.PlotCodec;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Documents and events follow the shapes of data model §1.3–1.5 and §2.3, with values from the genuine fixtures. */
class LinkRewriterTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** {@code base64.encodebytes(zlib.compress(plot.encode(), 1))}, computed with Python 3 (data model §2.5). */
    static final String PYTHON_PLOT_DATA =
            "eAGrVkpJLElUslKIjtVRUMpJrMwvLQHyqpUycxPTU4tBEtVKxfmlRcmpQLZSRklJgZW+fk5+cmJO\n"
                    + "Rn5xiZWFgYWhflhmcWZ+nkJIamKufoVeQV66Um1sbS0AQroeNA==\n";
    static final UrlMap TO_NEW_HOST = UrlMap.of("http://localhost:8081", "https://files.new.io/");
    final LinkRewriter rewriter = new LinkRewriter(TO_NEW_HOST);

    static Document task() {
        return Document.parse("""
                {"_id": "d09cc35af9a38c2ee29d4676f98a26a2", "name": "train résnet50 ✓", "company": "",
                 "comment": "see http://localhost:8081/Vision Team/notes.txt",
                 "status_message": "", "output": {"destination": "http://localhost:8081/", "result": "success"},
                 "execution": {"test_split": 0, "artifacts": {
                   "9ed3_output": {"key": "metrics table", "type": "pandas", "mode": "output",
                     "uri": "http://localhost:8081/Vision Team/Détection 2D/train résnet50 ✓.d09c/artifacts/metrics table/metrics table.csv.gz",
                     "hash": "d8f6", "content_size": 2048, "timestamp": 1741944413,
                     "type_data": {"preview": "url\\nhttp://localhost:8081/a.png", "content_type": "text/csv"}},
                   "4f7f_output": {"key": "weights snapshot", "type": "custom", "mode": "output",
                     "uri": "s3://vision-bucket/snapshots/weights snapshot.pt"},
                   "1a2b_input": {"key": "train list", "type": "text", "mode": "input",
                     "uri": "http://localhost:8081/Vision%20Team/lists/train%20list.txt"}}},
                 "report": "# Weekly report ✓\\n\\n![chart](http://localhost:8081/reports/7dbc/chart ✓.png)\\n\\n<iframe src=\\"http://localhost:8080/widgets/?objectType=task&company=d1bd\\" width=\\"100%\\"></iframe>\\n",
                 "report_assets": ["http://localhost:8081/reports/7dbc/chart ✓.png", "s3://other/table.png"],
                 "hyperparams": {"General": {"output_uri": {"value": "http://localhost:8081/"}}}}
                """);
    }

    @Test
    void rewritesEveryUrlPlaceOfATaskAndReportsEachChange() {
        Document task = task();

        LinkChanges changes = rewriter.rewriteTask(task);

        assertThat(changes.changes()).extracting(LinkChange::toString).containsExactly(
                "task.execution.artifacts.*.uri: http://localhost:8081/Vision Team/Détection 2D/train résnet50 ✓.d09c/artifacts/metrics table/metrics table.csv.gz"
                        + " -> https://files.new.io/Vision Team/Détection 2D/train résnet50 ✓.d09c/artifacts/metrics table/metrics table.csv.gz",
                "task.execution.artifacts.*.uri: http://localhost:8081/Vision%20Team/lists/train%20list.txt"
                        + " -> https://files.new.io/Vision%20Team/lists/train%20list.txt",
                "task.output.destination: http://localhost:8081/ -> https://files.new.io/",
                "task.report: http://localhost:8081/reports/7dbc/chart ✓.png -> https://files.new.io/reports/7dbc/chart ✓.png",
                "task.report_assets[]: http://localhost:8081/reports/7dbc/chart ✓.png -> https://files.new.io/reports/7dbc/chart ✓.png");
        assertThat(task.getString("report")).isEqualTo("# Weekly report ✓\n\n![chart](https://files.new.io/reports/7dbc/chart ✓.png)"
                + "\n\n<iframe src=\"http://localhost:8080/widgets/?objectType=task&company=d1bd\" width=\"100%\"></iframe>\n");
        assertThat(task.getList("report_assets", String.class))
                .containsExactly("https://files.new.io/reports/7dbc/chart ✓.png", "s3://other/table.png");
        assertThat(artifact(task, "1a2b_input").get("uri")).isEqualTo("https://files.new.io/Vision%20Team/lists/train%20list.txt");
        assertThat(changes.countsByPlace()).containsExactly(
                Map.entry(LinkPlace.TASK_ARTIFACT_URI, 2), Map.entry(LinkPlace.TASK_OUTPUT_DESTINATION, 1),
                Map.entry(LinkPlace.TASK_REPORT, 1), Map.entry(LinkPlace.TASK_REPORT_ASSETS, 1));
    }

    @Test
    void leavesFieldsThatAreNotUrlPlacesAsTheyWere() {
        Document task = task();
        Document before = task();

        rewriter.rewriteTask(task);

        for (String field : List.of("_id", "name", "comment", "status_message", "hyperparams")) {
            assertThat(task.get(field)).as(field).isEqualTo(before.get(field));
        }
        assertThat(artifact(task, "9ed3_output").get("type_data")).isEqualTo(artifact(before, "9ed3_output").get("type_data"));
        assertThat(artifact(task, "4f7f_output")).isEqualTo(artifact(before, "4f7f_output"));
        assertThat(task.keySet()).containsExactlyElementsOf(before.keySet());
    }

    @Test
    void rewritesTheArtifactPreviewOnlyWhenAsked() {
        Document task = task();
        LinkRewriter withPreview = new LinkRewriter(TO_NEW_HOST, EnumSet.of(LinkPlace.TASK_ARTIFACT_PREVIEW));

        LinkChanges changes = withPreview.rewriteTask(task);

        assertThat(changes.changes()).containsExactly(new LinkChange(LinkPlace.TASK_ARTIFACT_PREVIEW,
                "http://localhost:8081/a.png", "https://files.new.io/a.png"));
        assertThat(((Map<?, ?>) artifact(task, "9ed3_output").get("type_data")).get("preview"))
                .isEqualTo("url\nhttps://files.new.io/a.png");
        assertThat(task.getString("report")).contains("http://localhost:8081/reports");
    }

    @Test
    void rewritesLegacyArtifactLists() {
        Document task = Document.parse("""
                {"_id": "t1", "execution": {"artifacts": [
                  {"key": "data", "mode": "output", "uri": "http://localhost:8081/RT%20Root/data.csv"}]}}
                """);

        rewriter.rewriteTask(task);

        assertThat(task.get("execution", Document.class).getList("artifacts", Document.class).get(0).get("uri"))
                .isEqualTo("https://files.new.io/RT%20Root/data.csv");
    }

    @Test
    void rewritesProjectDescriptionAndStorageUrls() {
        Document project = Document.parse("""
                {"_id": "p1", "name": "Vision Team",
                 "description": "# Vision Team\\nOverview ![overview](http://localhost:8081/Vision Team/overview.png)\\nÜbersicht ✓",
                 "default_output_destination": "s3://vision-bucket/output", "logo_url": "http://localhost:8081/logo.png"}
                """);
        UrlMap map = UrlMap.parse(List.of("http://localhost:8081=https://files.new.io", "s3://vision-bucket=s3://moved"));

        LinkChanges changes = new LinkRewriter(map).rewriteProject(project);

        assertThat(project.getString("description"))
                .isEqualTo("# Vision Team\nOverview ![overview](https://files.new.io/Vision Team/overview.png)\nÜbersicht ✓");
        assertThat(project.getString("default_output_destination")).isEqualTo("s3://moved/output");
        assertThat(project.getString("logo_url")).isEqualTo("https://files.new.io/logo.png");
        assertThat(changes.changes()).extracting(LinkChange::place).containsExactly(LinkPlace.PROJECT_DESCRIPTION,
                LinkPlace.PROJECT_DEFAULT_OUTPUT_DESTINATION, LinkPlace.PROJECT_LOGO_URL);
    }

    @Test
    void movesAModelBetweenS3Buckets() {
        Document model = Document.parse("""
                {"_id": "m1", "uri": "s3://my-bucket/models/output_model.pt", "design": "s3://my-bucket/x"}
                """);

        LinkChanges changes = new LinkRewriter(UrlMap.of("s3://my-bucket/", "s3://new-bucket")).rewriteModel(model);

        assertThat(model.getString("uri")).isEqualTo("s3://new-bucket/models/output_model.pt");
        assertThat(model.getString("design")).isEqualTo("s3://my-bucket/x");
        assertThat(changes.changes()).containsExactly(new LinkChange(LinkPlace.MODEL_URI,
                "s3://my-bucket/models/output_model.pt", "s3://new-bucket/models/output_model.pt"));
    }

    @Test
    void changesAndReportsNothingWhenNoPrefixMatches() {
        Document task = task();
        Document model = Document.parse("{\"_id\": \"m\", \"uri\": \"http://localhost:80812/m.pt\"}");
        UrlMap other = UrlMap.of("http://files.other:8081", "https://files.new.io");

        assertThat(new LinkRewriter(other).rewriteTask(task).isEmpty()).isTrue();
        assertThat(new LinkRewriter(TO_NEW_HOST).rewriteModel(model).isEmpty()).isTrue();
        assertThat(task).isEqualTo(task());
        assertThat(model.getString("uri")).isEqualTo("http://localhost:80812/m.pt");
    }

    @Test
    void rewritingTwiceChangesNothingTheSecondTime() {
        Document task = task();
        rewriter.rewriteTask(task);
        Document once = Document.parse(task.toJson());

        assertThat(rewriter.rewriteTask(task).isEmpty()).isTrue();
        assertThat(task).isEqualTo(once);
    }

    @Test
    void rewritesDebugImageUrlOfTaskAndModelEvents() throws Exception {
        for (String modelEvent : List.of("false", "true")) {
            ObjectNode event = event("""
                    {"task": "c814", "type": "training_debug_image", "iter": 0, "metric": "errors", "variant": "fp",
                     "key": "errors/fp/0", "url": "http://localhost:8081/Vision Team/eval.c814/metrics/errors/fp/errors_fp_00000000.png",
                     "model_event": %s, "worker": ""}
                    """.formatted(modelEvent));

            LinkChanges changes = rewriter.rewriteEvent(event);

            assertThat(event.get("url").asText())
                    .isEqualTo("https://files.new.io/Vision Team/eval.c814/metrics/errors/fp/errors_fp_00000000.png");
            assertThat(event.get("key").asText()).isEqualTo("errors/fp/0");
            assertThat(changes.countsByPlace()).containsExactly(Map.entry(LinkPlace.DEBUG_IMAGE_URL, 1));
        }
    }

    @Test
    void rewritesPlotStrAndSourceUrlsAndKeepsPlotLenInStep() throws Exception {
        ObjectNode plot = event("""
                {"task": "d09c", "type": "plot", "iter": 5, "metric": "sample grid", "variant": "val",
                 "plot_str": "{\\"data\\": [], \\"layout\\": {\\"images\\": [{\\"source\\": \\"http://localhost:8081/V T/a.png\\"}, {\\"source\\": \\"s3://vision-bucket/plots/remote.png\\"}]}}",
                 "model_event": true, "plot_len": 121, "source_urls": ["http://localhost:8081/V T/a.png", "s3://vision-bucket/plots/remote.png"]}
                """);

        LinkChanges changes = rewriter.rewriteEvent(plot);

        String expected = "{\"data\": [], \"layout\": {\"images\": [{\"source\": \"https://files.new.io/V T/a.png\"}, "
                + "{\"source\": \"s3://vision-bucket/plots/remote.png\"}]}}";
        assertThat(plot.get("plot_str").asText()).isEqualTo(expected);
        assertThat(plot.get("plot_len").asInt()).isEqualTo(expected.length());
        assertThat(JSON.convertValue(plot.get("source_urls"), List.class))
                .containsExactly("https://files.new.io/V T/a.png", "s3://vision-bucket/plots/remote.png");
        assertThat(changes.countsByPlace())
                .containsExactly(Map.entry(LinkPlace.PLOT_STR, 1), Map.entry(LinkPlace.PLOT_SOURCE_URLS, 1));
    }

    @Test
    void rewritesUrlInsideCompressedPlotData() throws Exception {
        ObjectNode plot = event("""
                {"task": "d09c", "type": "plot", "iter": 99, "metric": "confusion", "variant": "val", "plot_len": 91,
                 "plot_data": "%s", "source_urls": ["http://localhost:8081/Vision Team/x.png"]}
                """.formatted(PYTHON_PLOT_DATA.replace("\n", "\\n")));

        LinkChanges changes = rewriter.rewriteEvent(plot);

        String data = plot.get("plot_data").asText();
        assertThat(data).endsWith("\n");
        assertThat(PlotCodec.decompress(data)).isEqualTo(
                "{\"data\": [], \"layout\": {\"images\": [{\"source\": \"https://files.new.io/Vision Team/x.png\"}]}}");
        assertThat(plot.has("plot_str")).isFalse();
        assertThat(plot.get("plot_len").asInt()).isEqualTo(91);
        assertThat(changes.changes()).extracting(LinkChange::place)
                .containsExactly(LinkPlace.PLOT_DATA, LinkPlace.PLOT_SOURCE_URLS);
    }

    @Test
    void leavesCompressedPlotDataByteForByteWhenNothingMatches() throws Exception {
        ObjectNode plot = event("{\"type\": \"plot\", \"plot_data\": \"%s\"}"
                .formatted(PYTHON_PLOT_DATA.replace("\n", "\\n")));

        assertThat(new LinkRewriter(UrlMap.of("http://elsewhere", "http://x")).rewriteEvent(plot).isEmpty()).isTrue();
        assertThat(plot.get("plot_data").asText()).isEqualTo(PYTHON_PLOT_DATA);
    }

    @Test
    void leavesEventsWithoutUrlPlacesAlone() throws Exception {
        ObjectNode log = event("""
                {"task": "t", "type": "log", "msg": "uploaded http://localhost:8081/a.png", "level": "info"}
                """);
        ObjectNode scalar = event("{\"task\": \"t\", \"type\": \"training_stats_scalar\", \"value\": 0.73}");

        assertThat(rewriter.rewriteEvent(log).isEmpty()).isTrue();
        assertThat(rewriter.rewriteEvent(scalar).isEmpty()).isTrue();
        assertThat(log.get("msg").asText()).isEqualTo("uploaded http://localhost:8081/a.png");
    }

    @Test
    void talliesCountsAndKeepsAFewSamplesPerPlace() {
        LinkTally tally = new LinkTally(1);
        tally.add(rewriter.rewriteTask(task()));
        tally.add(rewriter.rewriteTask(task()));

        assertThat(tally.counts()).containsEntry(LinkPlace.TASK_ARTIFACT_URI, 4L).containsEntry(LinkPlace.TASK_REPORT, 2L);
        assertThat(tally.total()).isEqualTo(10);
        assertThat(tally.samples(LinkPlace.TASK_ARTIFACT_URI)).hasSize(1);
        assertThat(tally.samples(LinkPlace.MODEL_URI)).isEmpty();
    }

    static ObjectNode event(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    static Map<?, ?> artifact(Document task, String key) {
        return (Map<?, ?>) ((Map<?, ?>) task.get("execution", Document.class).get("artifacts")).get(key);
    }
}
