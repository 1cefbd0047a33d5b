package clearml.migrate.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test server keeps to ClearML's file-server API (data model §6.3), or the store tests prove nothing. */
class ClearmlFileServerTest {

    @TempDir
    Path root;

    ClearmlFileServer server;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws IOException {
        server = ClearmlFileServer.start(root);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersThePingWithOk() throws Exception {
        assertThat(send(HttpRequest.newBuilder(URI.create(server.url() + "/")).GET()).body()).isEqualTo("OK");
    }

    @Test
    void savesEachMultipartFieldAtItsNameAndAnswersTheSavedPaths() throws Exception {
        MultipartUpload upload = new MultipartUpload("Project A/x \"quoted\".txt");
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(server.url() + "/"))
                .header("Content-Type", upload.contentType())
                .POST(upload.publisher(() -> new java.io.ByteArrayInputStream("abc".getBytes()), 3)));

        assertThat(response.body()).isEqualTo("[\"Project A/x \\\"quoted\\\".txt\"]");
        assertThat(root.resolve("Project A/x \"quoted\".txt")).hasContent("abc");
    }

    @Test
    void refusesARequestWithContentEncoding() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(server.url() + "/"))
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofString("x")));

        assertThat(response.statusCode()).isEqualTo(415);
    }

    @Test
    void deletesManyFilesAndDirectoriesAndListsTheRest() throws Exception {
        Files.createDirectories(root.resolve("reports/3f2a"));
        Files.writeString(root.resolve("reports/3f2a/a.png"), "a");
        Files.writeString(root.resolve("b.txt"), "b");

        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(server.url() + "/delete_many"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"files\": [\"reports\", \"b.txt\", \"gone\"]}")));

        assertThat(response.body())
                .isEqualTo("{\"deleted\":{\"reports\":true,\"b.txt\":true},\"errors\":{\"Invalid path\":[\"gone\"]}}");
        assertThat(root).isEmptyDirectory();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
