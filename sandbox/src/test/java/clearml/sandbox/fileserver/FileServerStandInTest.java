package clearml.sandbox.fileserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exercises the ClearML file-server stand-in, not ClearML's file server: upload by field name, download with ranges,
 * delete and batch delete, and the Bearer-only auth a client meets on the real one (clearml-rest-api.md). Tokens are
 * checked by a stub that accepts one string: the token check is the API stand-in's, tested there.
 */
class FileServerStandInTest {

    private static final String TOKEN = "valid-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path root;
    private FileServerStandIn files;

    @BeforeEach
    void start() {
        files = FileServerStandIn.start(root, token -> TOKEN.equals(token) ? null : "Invalid token: " + token);
    }

    @AfterEach
    void stop() {
        files.close();
    }

    @Test
    void oneUploadStoresEachPartUnderItsFieldNameAndOverwritesSilently() throws Exception {
        Files.createDirectories(root.resolve("proj/t1"));
        Files.writeString(root.resolve("proj/t1/a b+c.txt"), "old");

        HttpResponse<String> uploaded = upload(Map.of("proj/t1/a b+c.txt", "new", "/proj/t1/artifacts/x.bin", "x"));

        assertThat(uploaded.statusCode()).isEqualTo(200);
        assertThat(uploaded.body()).contains("\"proj/t1/a b+c.txt\"").contains("\"proj/t1/artifacts/x.bin\"");
        assertThat(root.resolve("proj/t1/a b+c.txt")).hasContent("new");
        assertThat(root.resolve("proj/t1/artifacts/x.bin")).hasContent("x");
    }

    @Test
    void aDownloadSendsTheFileAndARangeSendsItsBytesWith206() throws Exception {
        Files.createDirectories(root.resolve("d"));
        Files.writeString(root.resolve("d/file name.txt"), "0123456789");

        HttpResponse<String> whole = get("/d/file%20name.txt", "Authorization", "Bearer " + TOKEN);
        HttpResponse<String> range = get("/d/file%20name.txt", "Authorization", "Bearer " + TOKEN,
                "Range", "bytes=2-5");
        HttpResponse<String> tail = get("/d/file%20name.txt", "Authorization", "Bearer " + TOKEN,
                "Range", "bytes=-3");
        HttpResponse<String> beyond = get("/d/file%20name.txt", "Authorization", "Bearer " + TOKEN,
                "Range", "bytes=20-");

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo("0123456789");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo("2345");
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 2-5/10");
        assertThat(tail.body()).isEqualTo("789");
        assertThat(beyond.statusCode()).isEqualTo(416);
    }

    @Test
    void deleteRemovesAFileAndDeleteManyRemovesFoldersToo() throws Exception {
        Files.createDirectories(root.resolve("p/t/artifacts"));
        Files.writeString(root.resolve("p/t/artifacts/a.txt"), "a");
        Files.writeString(root.resolve("p/t/b.txt"), "b");
        Files.writeString(root.resolve("c.txt"), "c");

        HttpResponse<String> deleted = send(HttpRequest.newBuilder(URI.create(files.url() + "/c.txt")).DELETE()
                .header("Authorization", "Bearer " + TOKEN));
        HttpResponse<String> missing = send(HttpRequest.newBuilder(URI.create(files.url() + "/c.txt")).DELETE()
                .header("Authorization", "Bearer " + TOKEN));
        HttpResponse<String> many = send(HttpRequest.newBuilder(URI.create(files.url() + "/delete_many"))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"files\": [\"p/t\", \"nothing/here\"]}")));

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(root.resolve("c.txt")).doesNotExist();
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(many.body()).contains("\"deleted\":{\"p/t\":\"p/t\"}").contains("\"Not found\":[\"nothing/here\"]");
        assertThat(root.resolve("p/t")).doesNotExist();
        assertThat(root.resolve("p")).isDirectory();
    }

    @Test
    void onlyABearerTokenOrTheSessionCookieOpensIt() throws Exception {
        Files.writeString(root.resolve("f.txt"), "f");

        assertThat(get("/f.txt").statusCode()).isEqualTo(401);
        HttpResponse<String> basic = get("/f.txt", "Authorization", "Basic a2V5OnNlY3JldA==");
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.body()).isEqualTo("Only bearer token authorization is supported");
        HttpResponse<String> wrong = get("/f.txt", "Authorization", "Bearer other");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo("Invalid token: other");
        assertThat(get("/f.txt", "Cookie", "clearml_token_basic=" + TOKEN).body()).isEqualTo("f");
        assertThat(get("/").body()).isEqualTo("OK");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../outside.txt", "/a/../../outside.txt", "/%2E%2E/outside.txt"})
    void aPathOutsideTheRootIsNotFound(String path) throws Exception {
        Files.writeString(root.getParent().resolve("outside.txt"), "secret");

        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(files.url() + path))
                .header("Authorization", "Bearer " + TOKEN).GET());

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).doesNotContain("secret");
    }

    @Test
    void anUploadOutsideTheRootIsNotFoundAndStoresNothing() throws Exception {
        HttpResponse<String> answer = upload(Map.of("../escaped.txt", "x"));

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(root.getParent().resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void injectedFaultsAnswerFirstAndEveryCallIsCounted() throws Exception {
        Files.writeString(root.resolve("f.txt"), "f");
        files.faults().inject("download", 503, 2);

        int first = get("/f.txt", "Authorization", "Bearer " + TOKEN).statusCode();
        int second = get("/f.txt", "Authorization", "Bearer " + TOKEN).statusCode();
        int third = get("/f.txt", "Authorization", "Bearer " + TOKEN).statusCode();

        assertThat(new int[] {first, second, third}).containsExactly(503, 503, 200);
        assertThat(files.calls().count("download")).isEqualTo(3);
    }

    private HttpResponse<String> upload(Map<String, String> parts) throws Exception {
        String boundary = "----standin" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> part : parts.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.getKey()
                    + "\"; filename=\"" + Path.of(part.getKey()).getFileName() + "\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(part.getValue().getBytes(StandardCharsets.UTF_8));
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(files.url() + "/"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(files.url() + path)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
