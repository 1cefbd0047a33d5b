package clearml.migrate.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.CloseableIterator;
import clearml.sandbox.Sandbox;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory stays bounded whatever the size of a task's history: the command line runs in a child JVM with a 64 MiB
 * heap and exports, then imports (directly, and through the API), one task whose events weigh three times that heap (24,000 log events of 9 KB:
 * few large events keep the seeding quick; the bound is on bytes, not on counts).
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class SmallHeapTest {

    private static final String COMPANY = "5ma11heap0000000000000000000000c";
    private static final String TARGET_COMPANY = "5ma11heap0000000000000000000000t";
    private static final String PROJECT = "5ma11heap0000000000000000000000p";
    private static final String TASK = "5ma11heap0000000000000000000000a";
    private static final int EVENTS = 24_000;
    private static final int MESSAGE_CHARS = 9_000;
    private static final String HEAP = "-Xmx64m";

    @TempDir
    Path dir;

    @Test
    void exportsAndImportsATaskWhoseEventsWeighThreeTimesTheHeap(Sandbox source, @TargetServer Sandbox target)
            throws Exception {
        seed(source);
        FreshServer.initialize(target.mongoUri(), TARGET_COMPANY, "target");

        Child export = Child.run(dir, "export", "--mongo-host", source.mongoUri(), "--elastic-host",
                source.elasticUri().toString(), "--projects", "big history", "--no-progress", "--output",
                dir.resolve("out").resolve("export.zip").toString());
        assertThat(export.exitCode()).as(export.output()).isZero();
        Path archive = archive();
        assertThat(eventsIn(archive)).isEqualTo(EVENTS);
        assertThat(eventBytes(archive)).as("the events' JSON is three times the heap").isGreaterThan(3L * 64 << 20);

        Child imported = Child.run(dir, "import", archive.toString(), "--mongo-host", target.mongoUri(),
                "--elastic-host", target.elasticUri().toString(), "--company", TARGET_COMPANY, "--no-progress");
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        assertThat(count(target.elasticUri(), TARGET_COMPANY)).isEqualTo(EVENTS);
    }

    /**
     * The import through the API sorts a task's events by iteration and time before it sends them: in runs spilled
     * to temp files, so the same heap suffices. The target is the sandbox's ClearML API stand-in (not ClearML's
     * apiserver, which cannot be installed here), reached with the admin key from a credentials file.
     */
    @Test
    void importsThroughTheApiATaskWhoseEventsWeighThreeTimesTheHeap(Sandbox source, @TargetServer Sandbox target,
            @TargetServer ApiStandIn api) throws Exception {
        seed(source);
        FreshServer.initialize(target.mongoUri(), FreshServer.DEFAULT_COMPANY, "clearml");
        Child export = Child.run(dir, "export", "--mongo-host", source.mongoUri(), "--elastic-host",
                source.elasticUri().toString(), "--projects", "big history", "--no-progress", "--output",
                dir.resolve("out").resolve("export.zip").toString());
        assertThat(export.exitCode()).as(export.output()).isZero();
        Path credentials = Files.writeString(dir.resolve("api.json"), "{\"access_key\": \""
                + api.adminCredentials().accessKey() + "\", \"secret_key\": \"" + api.adminCredentials().secretKey()
                + "\"}");

        Child imported = Child.run(dir, "import", archive().toString(), "--api-host", api.url(),
                "--api-credentials-file", credentials.toString(), "--no-progress");
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        assertThat(count(target.elasticUri(), api.primaryCompany())).isEqualTo(EVENTS);
    }

    /** One published task in a project, with {@value #EVENTS} log events of {@value #MESSAGE_CHARS} characters. */
    private static void seed(Sandbox source) throws IOException, InterruptedException {
        try (MongoClient client = MongoClients.create(source.mongoUri())) {
            MongoDatabase backend = client.getDatabase("backend");
            Date now = new Date();
            backend.getCollection("project").insertOne(new Document("_id", PROJECT).append("company", COMPANY)
                    .append("user", "").append("name", "big history").append("basename", "big history")
                    .append("created", now).append("last_update", now).append("tags", List.of())
                    .append("system_tags", List.of()).append("path", List.of()));
            backend.getCollection("task").insertOne(new Document("_id", TASK).append("company", COMPANY)
                    .append("user", "").append("name", "long training").append("type", "training")
                    .append("status", "published").append("project", PROJECT).append("created", now)
                    .append("last_update", now).append("tags", List.of()).append("system_tags", List.of()));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String message = "x".repeat(MESSAGE_CHARS);
        for (int from = 0; from < EVENTS; from += 500) {
            StringBuilder bulk = new StringBuilder();
            for (int i = from; i < from + 500; i++) {
                bulk.append("{\"index\":{\"_index\":\"events-log-").append(COMPANY).append("\"}}\n")
                        .append("{\"task\":\"").append(TASK).append("\",\"type\":\"log\",\"timestamp\":")
                        .append(1_700_000_000_000L + i).append(",\"iter\":").append(i)
                        .append(",\"level\":\"info\",\"worker\":\"w\",\"model_event\":false,\"msg\":\"")
                        .append(i).append(' ').append(message).append("\"}\n");
            }
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(source.elasticUri().resolve("/_bulk"))
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(bulk.toString())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.body()).startsWith("{").contains("\"errors\":false");
        }
        http.send(HttpRequest.newBuilder(source.elasticUri().resolve("/events-log-" + COMPANY + "/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    private Path archive() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            return files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
        }
    }

    private static long eventsIn(Path archive) {
        long events = 0;
        try (ArchiveReader reader = ArchiveReader.open(archive);
             CloseableIterator<ObjectNode> stream = reader.events(TASK)) {
            while (stream.hasNext()) {
                stream.next();
                events++;
            }
        }
        return events;
    }

    private static long eventBytes(Path archive) {
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            return reader.uncompressedBytes();
        }
    }

    private static long count(URI engine, String company) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String body = http.send(HttpRequest.newBuilder(engine.resolve("/events-*-" + company + "/_count")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return Long.parseLong(body.replaceAll(".*\"count\":(\\d+).*", "$1"));
    }

    /** The command line in a JVM of its own with a {@value #HEAP} heap, on this test's class path. */
    private record Child(int exitCode, String output) {
        static Child run(Path dir, String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), HEAP, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-cp",
                    System.getProperty("java.class.path"), "clearml.migrate.cli.Main"));
            command.addAll(List.of(args));
            Path log = Files.createTempFile(dir, "child-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the child JVM did not end within 5 minutes: " + Files.readString(log));
            }
            return new Child(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        }
    }
}
