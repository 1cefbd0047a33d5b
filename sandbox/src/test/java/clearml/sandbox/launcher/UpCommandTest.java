package clearml.sandbox.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.sandbox.seed.FreshServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code SandboxMain up --api} as its own JVM, as scripts do, and stops it with SIGTERM; the API and file-server
 * stand-ins it starts are ClearML stand-ins, not ClearML's servers.
 */
class UpCommandTest {

    private static final List<String> SERVER_KEYS =
            List.of("mongo", "elastic", "fileserver_dir", "fileserver_url", "companies");
    private static final List<String> API_KEYS = List.of("api", "files_host", "api_credentials", "user_credentials");

    @Test
    void upSeedsTheSourceWritesTheReadyFileWithTheStandInsOfBothServersAllowsReindexAndStopsOnSigterm(@TempDir Path dir)
            throws Exception {
        Path ready = dir.resolve("ready.json");
        Path log = dir.resolve("up.log");
        Process up = launchUp(ready, dir.resolve("work"), log);
        JsonNode servers;
        try {
            servers = new ObjectMapper().readTree(awaitFile(ready, up, log).toFile());
            assertThat(fieldNames(servers)).containsExactly("source", "target");
            assertServerAnswers(servers.get("source"), "http://localhost:8081");
            assertServerAnswers(servers.get("target"), "http://files.target.local:8081");
            assertThat(servers.at("/source/companies")).isNotEmpty();
            assertThat(servers.at("/target/companies")).extracting(JsonNode::asText)
                    .containsExactly(FreshServer.TARGET_COMPANY);
            assertThat(Path.of(servers.at("/source/fileserver_dir").asText())).isNotEmptyDirectory();
            assertStandInsAnswer(servers.get("source"));
            assertStandInsAnswer(servers.get("target"));
            URI source = URI.create(servers.at("/source/elastic").asText());
            assertThat(getJson(servers.at("/target/elastic").asText() + "/_nodes/settings")
                    .findValue("allowlist")).as("--target-reindex-from-source").extracting(JsonNode::asText)
                    .containsExactly(source.getHost() + ":" + source.getPort());
        } finally {
            up.destroy();
            assertThat(up.waitFor(60, TimeUnit.SECONDS)).as("up stops within 60 s of SIGTERM").isTrue();
        }
        assertThat(Files.readString(log)).contains("READY", "STOPPED");
    }

    private static void assertServerAnswers(JsonNode server, String fileserverUrl) throws Exception {
        List<String> keys = new ArrayList<>(SERVER_KEYS);
        keys.addAll(API_KEYS);
        assertThat(fieldNames(server)).containsExactlyElementsOf(keys);
        assertThat(server.get("fileserver_url").asText()).isEqualTo(fileserverUrl);
        assertThat(Path.of(server.get("fileserver_dir").asText())).isDirectory();
        try (MongoClient client = MongoClients.create(server.get("mongo").asText())) {
            assertThat(client.getDatabase("admin").runCommand(new Document("buildInfo", 1)).getString("version"))
                    .isEqualTo("5.0.0");
        }
        assertThat(getJson(server.get("elastic").asText() + "/_index_template/events_plot")
                .at("/index_templates/0/name").asText()).isEqualTo("events_plot");
    }

    /** Both keys log in to the API stand-in, and its token opens the file-server stand-in. */
    private static void assertStandInsAnswer(JsonNode server) throws Exception {
        String admin = login(server.get("api").asText(), server.get("api_credentials"));
        String user = login(server.get("api").asText(), server.get("user_credentials"));
        assertThat(admin).isNotEqualTo(user);
        HttpResponse<String> files = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.get("files_host").asText() + "/")).header("Authorization", "Bearer " + user)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(files.body()).isEqualTo("OK");
    }

    private static String login(String api, JsonNode key) throws Exception {
        String basic = java.util.Base64.getEncoder().encodeToString((key.get("access_key").asText() + ":"
                + key.get("secret_key").asText()).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(api + "/auth.login")).header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("login to %s: %s", api, response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body()).at("/data/token").asText();
    }

    private static Process launchUp(Path ready, Path workDir, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                SandboxMain.class.getName(), "up", "--seed", "small", "--api", "--target-reindex-from-source",
                "--ready-file", ready.toString(), "--work-dir", workDir.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static Path awaitFile(Path file, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!Files.exists(file)) {
            assertThat(process.isAlive()).as("up is running; its output: %s", Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("up ready within 180 s").isLessThan(deadline);
            Thread.sleep(200);
        }
        return file;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode getJson(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }
}
