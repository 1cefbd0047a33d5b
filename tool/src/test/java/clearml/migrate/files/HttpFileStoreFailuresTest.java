package clearml.migrate.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.failures.StoreAccessDeniedException;
import clearml.migrate.failures.StoreUnreachableException;
import clearml.migrate.retry.Backoff;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link HttpFileStore} rides out, or reports in one line, a file server that misbehaves. */
class HttpFileStoreFailuresTest {

    @TempDir
    Path root;

    ClearmlFileServer server;

    @BeforeEach
    void start() throws IOException {
        server = ClearmlFileServer.start(root);
        Files.createDirectories(root.resolve("Project A"));
        Files.writeString(root.resolve("Project A/model.pt"), "0123456789".repeat(1000));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void retriesADownloadAnswered503UntilItSucceeds() throws IOException {
        FileStore store = store(Duration.ofSeconds(5));
        server.failNext(2, 503);

        assertThat(read(store, "Project A/model.pt")).hasSize(10_000);
        assertThat(server.requests()).endsWith(
                "GET /Project A/model.pt 503", "GET /Project A/model.pt 503", "GET /Project A/model.pt 200");
    }

    @Test
    void retriesAnUploadAnswered503AndSendsTheWholeContentAgain() {
        FileStore store = store(Duration.ofSeconds(5));
        server.failNext(1, 503, "POST");

        assertThat(put(store, "Project A/new.bin", "fresh content")).isEqualTo(PutOutcome.CREATED);
        assertThat(root.resolve("Project A/new.bin")).hasContent("fresh content");
        assertThat(server.requests()).endsWith("GET /Project A/new.bin 404", "POST / 503", "POST / 200");
    }

    @Test
    void givesUpWithOneLineWhenRetryForRunsOut() {
        FileStore store = store(Duration.ofMillis(300));
        server.failNext(1000, 503);

        assertThatThrownBy(() -> store.open("Project A/model.pt"))
                .isInstanceOf(StoreUnreachableException.class)
                .hasMessage("File server " + server.url() + ": cannot read Project A/model.pt (HTTP 503); check "
                        + "--artifacts-from/--artifacts-to and that the file server is running");
    }

    @Test
    void retriesAnAnswerThatStallsPastTheTimeout() throws IOException {
        FileStore store = store(Duration.ofSeconds(5), Duration.ofMillis(1500));
        server.stallNext(Duration.ofSeconds(5));

        assertThat(read(store, "Project A/model.pt")).hasSize(10_000);
        assertThat(server.requests()).containsExactly("GET /Project A/model.pt 200");
    }

    @Test
    void reportsAnAnswerThatStallsOnEveryAttempt() {
        FileStore store = store(Duration.ZERO, Duration.ofMillis(1500));
        server.stallNext(Duration.ofSeconds(5));

        assertThatThrownBy(() -> store.open("Project A/model.pt"))
                .isInstanceOf(StoreUnreachableException.class).hasMessageContaining("timed out");
    }

    @Test
    void reportsATruncatedBodyNamingTheFile() {
        FileStore store = store(Duration.ZERO);
        server.truncateNextBody();

        assertThatThrownBy(() -> read(store, "Project A/model.pt"))
                .isInstanceOf(StoreUnreachableException.class)
                .hasMessageStartingWith("File server " + server.url() + ": cannot read Project A/model.pt (broke off "
                        + "after 5000 bytes");
    }

    @Test
    void reportsAConnectionDroppedMidBodyNamingTheFile() {
        FileStore store = store(Duration.ZERO);
        server.dropNextBody();

        assertThatThrownBy(() -> read(store, "Project A/model.pt"))
                .isInstanceOf(StoreUnreachableException.class)
                .hasMessageStartingWith("File server " + server.url() + ": cannot read Project A/model.pt (");
    }

    @Test
    void resumesADownloadWhoseConnectionDroppedMidBody() throws IOException {
        byte[] content = distinctBytes(100_000);
        Files.write(root.resolve("Project A/weights.bin"), content);
        FileStore store = store(Duration.ofSeconds(5));
        server.dropNextBody();

        assertThat(readBytes(store, "Project A/weights.bin")).isEqualTo(content);
        assertThat(server.requests()).hasSize(2).first().isEqualTo("GET /Project A/weights.bin 200");
    }

    @Test
    void resumesABodyThatStallsPastTheTimeoutWithARangeRequest() throws IOException {
        byte[] content = distinctBytes(100_000);
        Files.write(root.resolve("Project A/weights.bin"), content);
        FileStore store = store(Duration.ofSeconds(5), Duration.ofMillis(500));
        server.stallNextBodies(1, Duration.ofSeconds(30));
        long start = System.nanoTime();

        assertThat(readBytes(store, "Project A/weights.bin")).isEqualTo(content);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(server.requests()).containsExactly("GET /Project A/weights.bin 200",
                "GET /Project A/weights.bin 206");
    }

    @Test
    void resumesFromTheWholeFileWhenTheServerIgnoresTheRange() throws IOException {
        byte[] content = distinctBytes(100_000);
        Files.write(root.resolve("Project A/weights.bin"), content);
        FileStore store = store(Duration.ofSeconds(5), Duration.ofMillis(500));
        server.ignoreRanges();
        server.stallNextBodies(1, Duration.ofSeconds(30));

        assertThat(readBytes(store, "Project A/weights.bin")).isEqualTo(content);
        assertThat(server.requests()).containsExactly("GET /Project A/weights.bin 200",
                "GET /Project A/weights.bin 200");
    }

    @Test
    void reportsABodyThatStallsAndAServerThatStaysAwayInOneLineNamingTheUrl() throws IOException {
        FileStore store = store(Duration.ofMillis(300), Duration.ofMillis(500));
        server.stallNextBodies(1, Duration.ofSeconds(30));
        long start = System.nanoTime();
        InputStream download = store.open("Project A/model.pt").orElseThrow();
        server.failNext(1000, 503);

        assertThatThrownBy(download::readAllBytes)
                .isInstanceOf(StoreUnreachableException.class)
                .hasMessageStartingWith("File server " + server.url() + ": cannot read Project A/model.pt (broke off "
                        + "after 5000 bytes: ")
                .hasMessageNotContaining("\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(server.requests()).startsWith("GET /Project A/model.pt 200", "GET /Project A/model.pt 503");
        download.close();
    }

    @Test
    void refusesToSpliceAFileThatChangedBetweenAttempts() throws Exception {
        FileStore store = store(Duration.ofSeconds(5), Duration.ofMillis(500));
        server.stallNextBodies(1, Duration.ofSeconds(30));
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(100);
                Files.writeString(root.resolve("Project A/model.pt"), "a new, shorter version");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();

        assertThatThrownBy(() -> read(store, "Project A/model.pt"))
                .isInstanceOf(StoreUnreachableException.class)
                .hasMessageContaining("cannot read Project A/model.pt (broke off after 5000 bytes: the file changed "
                        + "on the server while it was read");
        writer.join();
    }

    @Test
    void namesAnUnreachableUrlInOneLine() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;

        assertThatThrownBy(() -> FileStores.open(url, null, Duration.ofSeconds(30)))
                .isInstanceOf(StoreUnreachableException.class)
                .hasMessageStartingWith("File server " + url + ": cannot reach / (connection refused)")
                .hasMessageContaining("check --artifacts-from/--artifacts-to")
                .hasMessageNotContaining("\n");
    }

    @Test
    void uploadsNothingWhenTheServerHoldsTheSameBytes() {
        FileStore store = store(Duration.ZERO);
        put(store, "a/b.txt", "same");

        assertThat(put(store, "a/b.txt", "same")).isEqualTo(PutOutcome.UNCHANGED);
        assertThat(server.requests().stream().filter(r -> r.startsWith("POST"))).hasSize(1);
    }

    @Test
    void sendsTheBearerTokenTheServerAsksFor() throws IOException {
        server.close();
        server = ClearmlFileServer.startWithToken(root, "tok-3f2a-secret");

        FileStore store = FileStores.open(server.url(), "tok-3f2a-secret", Duration.ZERO);

        assertThat(read(store, "Project A/model.pt")).hasSize(10_000);
        assertThat(put(store, "a/b.txt", "with token")).isEqualTo(PutOutcome.CREATED);
    }

    @Test
    void refusesAWrongTokenWithoutShowingIt() throws IOException {
        server.close();
        server = ClearmlFileServer.startWithToken(root, "tok-3f2a-secret");

        assertThatThrownBy(() -> FileStores.open(server.url(), "tok-wrong-guess", Duration.ZERO))
                .isInstanceOf(StoreAccessDeniedException.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("CLEARML_MIGRATE_FILESERVER_TOKEN")
                .hasMessageNotContaining("tok-");
        assertThatThrownBy(() -> FileStores.open(server.url(), null, Duration.ZERO))
                .isInstanceOf(StoreAccessDeniedException.class);
    }

    @Test
    void worksBehindAProxyPathSuchAsTheWebServersFilesPrefix() throws IOException {
        // nginx strips /files/ (data model §6.4); here the server sees /files/... so the files sit under files/.
        Files.createDirectories(root.resolve("files/reports/3f2a"));
        Files.writeString(root.resolve("files/reports/3f2a/plot.png"), "png");
        FileStore store = FileStores.open(server.url() + "/files/", null, Duration.ZERO);

        assertThat(read(store, "reports/3f2a/plot.png")).isEqualTo("png");
    }

    @Test
    void refusesToFollowARedirectSuchAsALoginPage() {
        FileStore store = store(Duration.ZERO);
        server.failNext(1, 302);

        assertThatThrownBy(() -> store.open("Project A/model.pt"))
                .isInstanceOf(StoreUnreachableException.class).hasMessageContaining("(HTTP 302)");
    }

    /** A store retrying for {@code patience} with waits of 10 to 50 ms; zero never retries. */
    private FileStore store(Duration patience) {
        return store(patience, Duration.ofSeconds(5));
    }

    private FileStore store(Duration patience, Duration timeout) {
        return new HttpFileStore(server.url(), null,
                () -> new Backoff(Duration.ofMillis(10), Duration.ofMillis(50), patience), timeout);
    }

    private static PutOutcome put(FileStore store, String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return store.put(path, () -> new ByteArrayInputStream(bytes), bytes.length);
    }

    private static byte[] readBytes(FileStore store, String path) throws IOException {
        try (InputStream in = store.open(path).orElseThrow()) {
            return in.readAllBytes();
        }
    }

    /** Bytes in which no run repeats at a short period, so that a resumed read skipping wrongly shows. */
    private static byte[] distinctBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    private static String read(FileStore store, String path) throws IOException {
        try (InputStream in = store.open(path).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
