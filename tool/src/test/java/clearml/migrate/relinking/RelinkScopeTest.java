package clearml.migrate.relinking;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What {@code relink} leaves alone: other companies, other prefixes, free text; and how it fails. */
@ExtendWith(SandboxExtension.class)
@FreshStores
class RelinkScopeTest {

    private static final String OLD = Sandbox.SOURCE_FILESERVER_URL;
    private static final String NEW = "https://files.new-host.io";

    @Test
    void companyLimitsTheRelinkToThatCompanysDocumentsAndIndices(Sandbox sandbox) {
        SeededServer server = SeededServer.seed(sandbox);
        String main = server.seeded().companies().get(0);
        String other = server.seeded().companies().get(1);
        Map<String, Long> mainBefore = server.links().totals(OLD, found -> found.company().equals(main));
        Map<String, Long> otherBefore = server.links().totals(OLD, found -> found.company().equals(other));

        RelinkRun run = server.relink("--host-source", OLD, "--host-target", NEW, "--company", other);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(otherBefore).isNotEmpty();
        assertThat(run.urlsBySourceAndPlace()).isEqualTo(otherBefore);
        assertThat(server.links().totals(OLD, found -> true)).isEqualTo(mainBefore);
        assertThat(run.report().path("sources").findValuesAsText("name"))
                .filteredOn(name -> name.startsWith("events-")).isNotEmpty().allMatch(name -> name.endsWith("-" + other));
    }

    @Test
    void companyCoversThePublicEntitiesMadePublicFromIt(Sandbox sandbox) {
        SeededServer server = SeededServer.seed(sandbox);
        String main = server.seeded().companies().get(0);
        String publicTask = server.seeded().publicTaskId();
        assertThat(artifactUris(server, publicTask)).anyMatch(uri -> uri.startsWith(OLD));

        RelinkRun run = server.relink("--host-source", OLD, "--host-target", NEW, "--company", main);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(artifactUris(server, publicTask)).isNotEmpty().noneMatch(uri -> uri.startsWith(OLD));
    }

    @Test
    void movesAnS3Bucket(Sandbox sandbox) {
        SeededServer server = SeededServer.seed(sandbox);
        Map<String, Long> models = server.links().totals("s3://acme-ml-models/", found -> true);
        Map<String, Long> data = server.links().totals("s3://acme-ml-data/", found -> true);

        RelinkRun run = server.relink("--host-source", "s3://acme-ml-models/", "--host-target", "s3://new-bucket/");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(models).isNotEmpty();
        assertThat(run.urlsBySourceAndPlace()).isEqualTo(models);
        assertThat(server.links().find("s3://acme-ml-models/")).isEmpty();
        assertThat(server.links().totals("s3://new-bucket/", found -> true)).isEqualTo(models);
        assertThat(server.links().totals("s3://acme-ml-data/", found -> true)).isEqualTo(data);
        assertThat(server.links().totals(OLD, found -> true)).isNotEmpty();
    }

    @Test
    void leavesFieldsThatAreNoUrlPlaceUntouched(Sandbox sandbox) throws Exception {
        SeededServer server = SeededServer.seed(sandbox);
        String company = server.seeded().companies().get(0);
        String hyperparam = OLD + "/datasets/train.csv";
        String logMessage = "uploading to " + OLD + "/Vision/run.1/artifacts/x.csv";
        String task = server.seeded().legacyTaskId();
        try (MongoClient client = MongoClients.create(server.mongoUri())) {
            tasks(client).updateOne(Filters.eq("_id", task), Updates.combine(
                    Updates.set("hyperparams.Args.data.value", hyperparam), Updates.set("comment", hyperparam)));
        }
        indexLog(server, "events-log-" + company, logMessage);
        String reportTask = server.seeded().reportTaskId();

        RelinkRun run = server.relink("--host-source", OLD, "--host-target", NEW);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.totalUrls()).isPositive();
        try (MongoClient client = MongoClients.create(server.mongoUri())) {
            Document stored = tasks(client).find(Filters.eq("_id", task)).first();
            assertThat(stored.getEmbedded(List.of("hyperparams", "Args", "data", "value"), String.class)).isEqualTo(hyperparam);
            assertThat(stored.getString("comment")).isEqualTo(hyperparam);
            Document report = tasks(client).find(Filters.eq("_id", reportTask)).first();
            assertThat(report.getString("report")).contains("http://localhost:8080/widgets/").contains(NEW + "/reports/");
        }
        assertThat(server.links().snapshot().values()).anyMatch(source -> source.contains(logMessage));
        assertThat(run.report().path("sources").findValuesAsText("name")).noneMatch(name -> name.startsWith("events-log-"));
    }

    @Test
    void printsATableWithSamplesOnStdoutAndOneProgressLinePerCollectionAndIndexOnStderr(Sandbox sandbox) {
        SeededServer server = SeededServer.seed(sandbox);
        long models = server.links().totals(OLD, found -> found.place().equals("model.uri")).values().stream()
                .mapToLong(Long::longValue).sum();

        RelinkRun run = RelinkRun.run(List.of("--mongo-host", server.mongoUri(), "--elastic-host",
                server.elasticUri().toString(), "--host-source", OLD, "--host-target", NEW, "--dry-run"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Dry run: nothing was written")
                .containsPattern("mongodb +backend\\.model +[0-9,]+ +[0-9,]+ +" + models + "\\n +model\\.uri +" + models)
                .containsPattern("elasticsearch +events-plot-" + server.seeded().companies().get(0))
                .contains("Samples\n  model.uri\n    " + OLD + "/").contains("    -> " + NEW + "/")
                .containsPattern("Would rewrite [0-9,]+ URLs in [0-9,]+ documents and events");
        assertThat(run.err()).contains("mongodb backend.task").contains("elasticsearch events-training_debug_image-");
    }

    @Test
    void refusesATargetThatStartsWithTheSourceSoThatRunsRepeatSafely(Sandbox sandbox) {
        SeededServer server = SeededServer.seed(sandbox);
        Map<String, String> stored = server.links().snapshot();

        RelinkRun run = server.relink("--host-source", OLD, "--host-target", OLD + "/files");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().contains("--host-target starts with --host-source");
        assertThat(server.links().snapshot()).isEqualTo(stored);
    }

    @Test
    void anUnreachableStoreFailsWithOneLineAndExitCode3() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        RelinkRun run = RelinkRun.run(List.of("--mongo-host", "mongodb://127.0.0.1:" + closedPort,
                "--elastic-host", "http://127.0.0.1:" + closedPort, "--host-source", OLD, "--host-target", NEW));

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err().lines()).singleElement().asString().contains("unreachable").contains("--mongo-host");
        assertThat(run.out()).isEmpty();
    }

    private static MongoCollection<Document> tasks(MongoClient client) {
        return client.getDatabase("backend").getCollection("task");
    }

    private static List<String> artifactUris(SeededServer server, String taskId) {
        try (MongoClient client = MongoClients.create(server.mongoUri())) {
            Document task = tasks(client).find(Filters.eq("_id", taskId)).first();
            return task.getEmbedded(List.of("execution", "artifacts"), Document.class).values().stream()
                    .map(artifact -> ((Document) artifact).getString("uri")).toList();
        }
    }

    private static void indexLog(SeededServer server, String index, String message) throws Exception {
        String event = "{\"task\":\"" + server.seeded().legacyTaskId() + "\",\"type\":\"log\",\"timestamp\":1718000000000,"
                + "\"iter\":1,\"level\":\"info\",\"msg\":\"" + message + "\",\"metric\":\"\",\"variant\":\"\"}";
        HttpRequest put = HttpRequest.newBuilder(server.elasticUri().resolve("/" + index + "/_doc/relink-test?refresh=true"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(event)).build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(put, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 201);
    }
}
