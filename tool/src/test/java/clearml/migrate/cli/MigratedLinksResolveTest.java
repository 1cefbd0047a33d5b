package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.testing.CliRun;
import clearml.migrate.testing.PlotData;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import clearml.sandbox.seed.SeedReport;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Inflater;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #5's acceptance: a sandbox → sandbox migration with {@code --artifacts-from}, {@code --artifacts-to} and
 * {@code --url-map} leaves a target in which every URL in every URL place (data model §7.4) that names the file
 * server resolves to an existing file under the target's file-server directory, and none still names the source.
 * The places are walked here, independently of the tool's link engine; compressed plots are decoded with
 * {@code Base64} MIME and {@code Inflater} (§2.5).
 */
@ExtendWith(SandboxExtension.class)
class MigratedLinksResolveTest {

    private static final List<String> EXPORTABLE = List.of("created", "stopped", "publishing", "published", "closed",
            "failed", "completed", "unknown");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyFileServerUrlInTheTargetNamesAFileTheTargetHolds(Sandbox source, @TargetServer Sandbox target,
            @TempDir Path dir) throws Exception {
        source.reset();
        target.reset();
        FreshServer.initialize(target.mongoUri(), FreshServer.TARGET_COMPANY, "target");
        SeedReport seed = new Seeder().seed(source.mongoUri(), source.elasticUri(), source.fileserverDir(),
                source.fileserverUrl(), SeedSize.small());
        for (String company : seed.companies()) {
            Path archive = export(source, company, dir.resolve(company));
            CliRun run = CliRun.run("import", archive.toString(), "--company", company,
                    "--artifacts-to", target.fileserverDir().toString(),
                    "--url-map", source.fileserverUrl() + "=" + target.fileserverUrl(),
                    "--mongo-host", target.mongoUri(), "--elastic-host", target.elasticUri().toString(), "--no-progress");
            assertThat(run.exitCode()).as(run.output()).isZero();
        }

        List<String> urls = storedUrls(target);

        assertThat(urls).as("URLs still naming the source file server")
                .noneMatch(url -> url.startsWith(source.fileserverUrl()));
        List<String> onTarget = urls.stream().filter(url -> url.startsWith(target.fileserverUrl())).toList();
        assertThat(onTarget).as("file-server URLs in the target").hasSizeGreaterThan(50);
        assertThat(onTarget).as("URLs whose file the target's file server lacks")
                .allSatisfy(url -> assertThat(target.fileserverDir().resolve(relativePath(url, target.fileserverUrl())))
                        .as(url).isRegularFile());
    }

    private static Path export(Sandbox source, String company, Path out) throws Exception {
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(List.of("export", "--all", "--company", company, "--include-archived",
                "--artifacts-from", source.fileserverDir().toString(), "--output", out.resolve("export.zip").toString(),
                "--mongo-host", source.mongoUri(), "--elastic-host", source.elasticUri().toString(), "--no-progress",
                "--statuses"));
        args.addAll(EXPORTABLE);
        CliRun run = CliRun.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.output()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
        }
    }

    /** Every URL of the places: entity fields in MongoDB, debug-image and plot fields in every event. */
    private static List<String> storedUrls(Sandbox target) throws Exception {
        List<String> urls = new ArrayList<>();
        try (MongoClient client = MongoClients.create(target.mongoUri())) {
            MongoDatabase backend = client.getDatabase("backend");
            for (Document model : backend.getCollection("model").find()) {
                whole(model.get("uri"), urls);
            }
            for (Document project : backend.getCollection("project").find()) {
                text(project.get("description"), urls);
            }
            for (Document task : backend.getCollection("task").find()) {
                task(task, urls);
            }
        }
        for (JsonNode event : events(target.elasticUri())) {
            whole(event.path("url").asText(null), urls);
            text(event.path("plot_str").asText(null), urls);
            if (event.hasNonNull("plot_data")) {
                text(PlotData.inflate(event.get("plot_data").asText()), urls);
            }
            event.path("source_urls").forEach(url -> whole(url.asText(), urls));
        }
        return urls;
    }

    private static void task(Document task, List<String> urls) {
        if (task.get("execution") instanceof Document execution && execution.get("artifacts") instanceof Document all) {
            all.values().forEach(a -> whole(a instanceof Document artifact ? artifact.get("uri") : null, urls));
        }
        text(task.get("report"), urls);
        if (task.get("report_assets") instanceof List<?> assets) {
            assets.forEach(asset -> whole(asset, urls));
        }
    }

    private static void whole(Object value, List<String> urls) {
        if (value instanceof String url && url.contains("://")) {
            urls.add(url);
        }
    }

    /**
     * URLs inside markdown or plotly JSON end at a quote or the line's end; they may hold spaces, apostrophes and
     * parentheses (project "Détection d'objets 1/runs #2 (nightly)", data model §6.4), so a markdown link's closing
     * parenthesis is told apart by balance.
     */
    private static void text(Object value, List<String> urls) {
        if (!(value instanceof String text)) {
            return;
        }
        for (int start = text.indexOf("http"); start >= 0; start = text.indexOf("http", start + 1)) {
            int end = start;
            while (end < text.length() && "\"\n<>".indexOf(text.charAt(end)) < 0) {
                end++;
            }
            String candidate = withoutUnbalancedClose(text.substring(start, end));
            if (candidate.startsWith("http://") || candidate.startsWith("https://")) {
                urls.add(candidate);
            }
        }
    }

    private static String withoutUnbalancedClose(String url) {
        int depth = 0;
        for (int i = 0; i < url.length(); i++) {
            depth += url.charAt(i) == '(' ? 1 : url.charAt(i) == ')' ? -1 : 0;
            if (depth < 0) {
                return url.substring(0, i);
            }
        }
        return url;
    }

    private static List<JsonNode> events(URI elastic) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        http.send(HttpRequest.newBuilder(elastic.resolve("/events-*/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String body = http.send(HttpRequest.newBuilder(elastic.resolve("/events-*/_search?size=10000"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":{\"match_all\":{}}}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<JsonNode> events = new ArrayList<>();
        JSON.readTree(body).path("hits").path("hits").forEach(hit -> events.add(hit.get("_source")));
        assertThat(events).as("events in the target").hasSizeGreaterThan(100);
        return events;
    }


    /** The file-server path of a URL: its percent-decoded path under the prefix (data model §3.10). */
    private static String relativePath(String url, String prefix) {
        String path = url.substring(prefix.length()).replaceFirst("^/+", "");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length()) {
                bytes.write(Integer.parseInt(path.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
