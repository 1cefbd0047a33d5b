package clearml.migrate.files;

import clearml.migrate.failures.MigrateException;
import clearml.migrate.failures.StoreAccessDeniedException;
import clearml.migrate.failures.StoreUnreachableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A ClearML file server over its HTTP API (data model §6.3): {@code GET /<path>} reads (404: no file), a
 * multipart {@code POST /} whose field name is the path writes, {@code DELETE /<path>} deletes. The path is
 * percent-encoded segment by segment, since the server decodes it to find the file. An optional token is sent as
 * {@code Authorization: Bearer} (file server 1.16+) and never appears in a message. A request that fails on the
 * way or gets a 5xx answer is retried per {@link RetryPolicy}; so is a download whose body breaks off or stalls
 * longer than the policy's timeout, which picks up where it stopped ({@link ResumingBody}).
 */
public final class HttpFileStore extends AbstractFileStore {

    private final String base;
    private final @Nullable String token;
    private final RetryPolicy retry;
    private final HttpClient client;

    /** A store at {@code baseUrl} (scheme, host, port and any proxy path such as {@code /files}). */
    public HttpFileStore(String baseUrl, @Nullable String token, RetryPolicy retry) {
        this.base = baseUrl.replaceAll("/+$", "");
        this.token = token;
        this.retry = retry;
        // HTTP/1.1: the file server is a Flask app; an h2c upgrade offer gains nothing and upsets some proxies.
        // No redirects: a proxy's redirect to a login page would otherwise be stored as the file's content.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(retry.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String location() {
        return base;
    }

    /** Asks {@code GET /} (the file server's ping) so that a wrong URL fails before any work starts. */
    void ping() {
        try {
            HttpResponse<Void> response = send(request("").GET(), HttpResponse.BodyHandlers.discarding());
            refuseAuthFailure(response, "/");
        } catch (IOException e) {
            throw failure("reach", "/", e);
        }
    }

    @Override
    protected Optional<StoredFile> read(String path) throws IOException {
        ResumingBody.Fetched first = fetch(path);
        if (first.status() == 404) {
            first.body().close();
            return Optional.empty();
        }
        return Optional.of(new StoredFile(first.length(),
                new ResumingBody(first.body(), first.length(), () -> fetch(path), retry)));
    }

    /** One download request, its own failures retried; the body fails a read that waits past the timeout. */
    private ResumingBody.Fetched fetch(String path) throws IOException {
        HttpResponse<InputStream> response = send(request(path).GET(), TimedBody.handler(retry.timeout()));
        if (response.statusCode() != 404) {
            requireSuccess(response, path);
        }
        return new ResumingBody.Fetched(response.statusCode(),
                response.headers().firstValueAsLong("Content-Length").orElse(-1), response.body());
    }

    @Override
    protected void write(String path, FileContent content, long size) throws IOException {
        MultipartUpload upload = new MultipartUpload(path);
        HttpRequest.Builder post = request("").header("Content-Type", upload.contentType())
                .POST(upload.publisher(content, size));
        requireSuccess(send(post, HttpResponse.BodyHandlers.ofString()), path);
    }

    @Override
    protected boolean remove(String path) throws IOException {
        HttpResponse<String> response = send(request(path).DELETE(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return false;
        }
        requireSuccess(response, path);
        return true;
    }

    @Override
    protected MigrateException failure(String action, String path, IOException cause) {
        String why = cause instanceof java.net.ConnectException ? "connection refused"
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new StoreUnreachableException("File server " + base + ": cannot " + action + " "
                + RelativePaths.printable(path) + " (" + why + "); check --artifacts-from/--artifacts-to and that "
                + "the file server is running", cause);
    }

    @Override
    public void close() {
        // HttpClient has no close() before Java 21; its connections end with it.
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + "/" + encodePath(path)))
                .timeout(retry.timeout());
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder builder, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        HttpRequest request = builder.build();
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<T> response = client.send(request, handler);
                if (response.statusCode() < 500 || attempt >= retry.attempts()) {
                    return response;
                }
                discard(response);
            } catch (IOException e) {
                if (attempt >= retry.attempts()) {
                    throw e;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
            retry.pauseBefore(attempt + 1);
        }
    }

    private void requireSuccess(HttpResponse<?> response, String path) throws IOException {
        refuseAuthFailure(response, path);
        if (response.statusCode() / 100 != 2) {
            discard(response);
            throw new IOException("HTTP " + response.statusCode());
        }
    }

    private void refuseAuthFailure(HttpResponse<?> response, String path) throws IOException {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            discard(response);
            throw new StoreAccessDeniedException("File server " + base + " refused access to "
                    + RelativePaths.printable(path) + " (HTTP " + status + "); give a valid token in "
                    + "CLEARML_MIGRATE_FILESERVER_TOKEN (file server 1.16+ checks one)");
        }
    }

    private static void discard(HttpResponse<?> response) throws IOException {
        if (response.body() instanceof InputStream body) {
            body.close();
        }
    }

    /** Percent-encodes each segment as UTF-8, keeping only RFC 3986 unreserved characters literal. */
    static String encodePath(String path) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c == '/' || (c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0))) {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
