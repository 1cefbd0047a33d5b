package clearml.migrate.files;

import clearml.migrate.failures.MigrateException;
import clearml.migrate.failures.StoreAccessDeniedException;
import clearml.migrate.failures.StoreUnreachableException;
import clearml.migrate.retry.Backoff;
import clearml.migrate.retry.Patience;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A ClearML file server over its HTTP API (data model §6.3): {@code GET /<path>} reads (404: no file), a
 * multipart {@code POST /} whose field name is the path writes, {@code DELETE /<path>} deletes. The path is
 * percent-encoded segment by segment, since the server decodes it to find the file. An optional token is sent as
 * {@code Authorization: Bearer} (file server 1.16+) and never appears in a message. A request that fails on the
 * way or gets a 5xx answer is retried with a {@link Backoff} for as long as {@code --retry-for} allows, as the
 * MongoDB and search-engine clients do; so is a download whose body breaks off or brings no bytes for the timeout,
 * which asks for the rest with a {@code Range} request ({@link ResumingBody}). The first request (the ping) is not
 * retried: a server that never answered is a wrong URL, not an outage.
 */
public final class HttpFileStore extends AbstractFileStore {

    private final String base;
    private final @Nullable String token;
    private final Supplier<Backoff> backoffs;
    private final Duration timeout;
    private final HttpClient client;

    /** How long one request may wait for its answer's headers, and a download for its next bytes. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * A store at {@code baseUrl} (scheme, host, port and any proxy path such as {@code /files}), retrying for up
     * to {@code retryFor} ({@code --retry-for}) with the usual waits ({@link Patience}).
     */
    public HttpFileStore(String baseUrl, @Nullable String token, Duration retryFor) {
        this(baseUrl, token, () -> Patience.backoff(retryFor), TIMEOUT);
    }

    /** A store with its own waits and timeout (tests use milliseconds). */
    HttpFileStore(String baseUrl, @Nullable String token, Supplier<Backoff> backoffs, Duration timeout) {
        this.base = baseUrl.replaceAll("/+$", "");
        this.token = token;
        this.backoffs = backoffs;
        this.timeout = timeout;
        // HTTP/1.1: the file server is a Flask app; an h2c upgrade offer gains nothing and upsets some proxies.
        // No redirects: a proxy's redirect to a login page would otherwise be stored as the file's content.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String location() {
        return base;
    }

    /** Asks {@code GET /} (the file server's ping) so that a wrong URL fails before any work starts. */
    void ping() {
        try {
            HttpResponse<Void> response = send(request("").GET(), HttpResponse.BodyHandlers.discarding(), once());
            refuseAuthFailure(response, "/");
        } catch (IOException e) {
            throw failure("reach", "/", e);
        }
    }

    @Override
    protected Optional<StoredFile> read(String path) throws IOException {
        ResumingBody.Fetched first = fetch(path, 0, null, backoffs.get());
        if (first.status() == 404) {
            first.body().close();
            return Optional.empty();
        }
        return Optional.of(new StoredFile(first.length(),
                new ResumingBody(first, (offset, validator) -> fetch(path, offset, validator, once()), backoffs)));
    }

    /**
     * One download request from byte {@code offset} ({@code Range}, with {@code If-Range} when the first answer
     * named a version), retried while {@code backoff} allows; the body fails a read that waits past the timeout.
     */
    private ResumingBody.Fetched fetch(String path, long offset, @Nullable String validator, Backoff backoff)
            throws IOException {
        HttpRequest.Builder get = request(path).GET();
        if (offset > 0) {
            get.header("Range", "bytes=" + offset + "-");
            if (validator != null) {
                get.header("If-Range", validator);
            }
        }
        HttpResponse<InputStream> response = send(get, TimedBody.handler(timeout), backoff);
        if (response.statusCode() != 404) {
            requireSuccess(response, path);
        }
        HttpHeaders headers = response.headers();
        String version = headers.firstValue("ETag").or(() -> headers.firstValue("Last-Modified")).orElse(null);
        ContentRange range = response.statusCode() == 206 ? ContentRange.parse(headers.firstValue("Content-Range"))
                : new ContentRange(0, headers.firstValueAsLong("Content-Length").orElse(-1));
        return new ResumingBody.Fetched(response.statusCode(), range.length(), range.start(), version, response.body());
    }

    /** Where a {@code 206} body starts and the whole file's length ({@code bytes 500-999/1000}; -1 for {@code *}). */
    private record ContentRange(long start, long length) {
        static ContentRange parse(Optional<String> header) throws IOException {
            Matcher range = Pattern.compile("bytes (\\d+)-\\d+/(\\d+|\\*)").matcher(header.orElse("").strip());
            if (!range.matches()) {
                throw new IOException("HTTP 206 without a usable Content-Range (" + header.orElse("none") + ")");
            }
            return new ContentRange(Long.parseLong(range.group(1)),
                    range.group(2).equals("*") ? -1 : Long.parseLong(range.group(2)));
        }
    }

    /** No retry: for the ping, and for a resumed download, whose {@link ResumingBody} waits between attempts itself. */
    private static Backoff once() {
        return new Backoff(Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    @Override
    protected void write(String path, FileContent content, long size) throws IOException {
        MultipartUpload upload = new MultipartUpload(path);
        HttpRequest.Builder post = request("").header("Content-Type", upload.contentType())
                .POST(upload.publisher(content, size));
        requireSuccess(send(post, HttpResponse.BodyHandlers.ofString(), backoffs.get()), path);
    }

    @Override
    protected boolean remove(String path) throws IOException {
        HttpResponse<String> response = send(request(path).DELETE(), HttpResponse.BodyHandlers.ofString(),
                backoffs.get());
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
                .timeout(timeout);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /** Sends a request, again after a failure on the way or a 5xx answer while {@code backoff} allows. */
    private <T> HttpResponse<T> send(HttpRequest.Builder builder, HttpResponse.BodyHandler<T> handler, Backoff backoff)
            throws IOException {
        HttpRequest request = builder.build();
        while (true) {
            try {
                HttpResponse<T> response = client.send(request, handler);
                if (response.statusCode() < 500 || !backoff.pause()) {
                    return response;
                }
                discard(response);
            } catch (IOException e) {
                if (!backoff.pause()) {
                    throw e;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
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
