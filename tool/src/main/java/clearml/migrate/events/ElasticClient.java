package clearml.migrate.events;

import clearml.migrate.failures.MigrateException;
import clearml.migrate.failures.StoreAccessDeniedException;
import clearml.migrate.failures.StoreRequestException;
import clearml.migrate.failures.StoreUnreachableException;
import clearml.migrate.retry.Backoff;
import clearml.migrate.tls.ConnectionSecurity;
import clearml.migrate.tls.TlsFailures;
import clearml.migrate.tls.TlsTrust;
import clearml.migrate.tls.TrustFlags;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A plain HTTP JSON client for Elasticsearch 7/8 and OpenSearch 2 (JDK {@code HttpClient} + Jackson). The typed
 * {@code co.elastic.clients} client is not used: OpenSearch answers its {@code compatible-with} media type with 406
 * (test-infra.md §2c).
 *
 * <p>Failures become one-line {@link MigrateException}s: a host that cannot be connected to hands over to the next
 * host, and when none answers the request fails with {@link StoreUnreachableException}; 401/403 fail with
 * {@link StoreAccessDeniedException}; other error statuses fail with {@link StoreRequestException} carrying the
 * engine's reason. Transient failures (429, 502/503/504, a dropped connection, a timeout) are retried with
 * exponential backoff and jitter for up to {@link ElasticSettings#retryFor()}; requests marked
 * {@linkplain ElasticRequest#idempotent() not idempotent} are retried only when the server surely did not act
 * (429, 503). A refused TLS certificate fails at once with {@link clearml.migrate.failures.StoreCertificateException}
 * naming the host and the flag that helps. No message ever contains the password or the API key. Thread-safe.
 */
public final class ElasticClient implements Closeable {

    private final HttpClient http;
    private final ElasticHosts hosts;
    private final ElasticClientOptions options;
    private final Duration retryFor;
    private final @Nullable String authorization;
    private final @Nullable String user;
    private final @Nullable ElasticApiKey apiKey;
    private final List<String> secrets;
    private final TlsTrust trust;
    private final TlsFailures tlsFailures;
    private final AtomicBoolean everConnected = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    public ElasticClient(ElasticSettings settings) {
        this(settings, ElasticClientOptions.defaults());
    }

    public ElasticClient(ElasticSettings settings, ElasticClientOptions options) {
        this.hosts = new ElasticHosts(settings.hosts());
        this.options = options;
        this.retryFor = settings.retryFor();
        Login login = Login.of(settings);
        this.user = login.user();
        this.apiKey = settings.apiKey();
        this.secrets = secrets(login.password(), apiKey);
        this.authorization = apiKey != null ? apiKey.header()
                : user == null ? null : basic(user, login.password() == null ? "" : login.password());
        this.trust = settings.trust();
        this.tlsFailures = new TlsFailures("Elasticsearch", trust, TrustFlags.ELASTIC);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // the engines speak HTTP/1.1 only; skip the h2c upgrade
                .connectTimeout(options.connectTimeout());
        if (trust.isCustom()) {
            builder.sslContext(trust.sslContext());
        }
        this.http = builder.build();
    }

    private static List<String> secrets(@Nullable String password, @Nullable ElasticApiKey apiKey) {
        List<String> secrets = new ArrayList<>();
        if (password != null && !password.isEmpty()) {
            secrets.add(password);
        }
        if (apiKey != null) {
            secrets.addAll(List.of(apiKey.secrets()));
        }
        return List.copyOf(secrets);
    }

    /** The mapper used for request and response bodies (it accepts {@code NaN}). */
    public ObjectMapper mapper() {
        return ElasticJson.MAPPER;
    }

    /** The timeouts and retry bounds this client was built with. */
    public ElasticClientOptions options() {
        return options;
    }

    /**
     * A fresh backoff with this client's waits and the user's patience ({@link ElasticSettings#retryFor()}): for one
     * request, one batch of bulk items, or a whole scroll that has to start over.
     */
    public Backoff backoff() {
        return new Backoff(options.firstBackoff(), options.maxBackoff(), retryFor);
    }

    /**
     * How another cluster logs in to this one when it reindexes from here: the {@code Authorization} header this
     * client sends (basic or API key), or null for anonymous access. A secret: it goes only into a request body.
     */
    @Nullable String authorizationHeader() {
        return authorization;
    }

    /** The host requests go to now, as messages name it. */
    public URI currentHost() {
        return hosts.current();
    }

    /** How requests reach the current host: over TLS or not, trusting what, logged in how (never the secret). */
    public ConnectionSecurity security() {
        boolean tls = "https".equals(currentHost().getScheme());
        return new ConnectionSecurity(tls, tls ? trust.describe() : null, apiKey != null ? apiKeyName() + " (ApiKey)"
                : user == null ? "no authentication" : "user '" + user + "' (basic)");
    }

    private String apiKeyName() {
        return apiKey == null || apiKey.id() == null ? "API key" : "API key '" + apiKey.id() + "'";
    }

    public JsonNode get(String path) {
        return require(ElasticRequest.json("GET", path, null));
    }

    public JsonNode post(String path, JsonNode body) {
        return require(ElasticRequest.json("POST", path, ElasticJson.bytes(body)));
    }

    public JsonNode put(String path, JsonNode body) {
        return require(ElasticRequest.json("PUT", path, ElasticJson.bytes(body)));
    }

    public JsonNode delete(String path) {
        return require(ElasticRequest.json("DELETE", path, null));
    }

    public JsonNode delete(String path, JsonNode body) {
        return require(ElasticRequest.json("DELETE", path, ElasticJson.bytes(body)));
    }

    /** Posts newline-delimited JSON (the {@code _bulk} body, which must end with a newline). */
    public JsonNode postNdjson(String path, byte[] ndjson) {
        return postNdjson(path, ndjson, ndjson.length);
    }

    /** Posts the first {@code length} bytes of {@code ndjson} as {@link #postNdjson(String, byte[])} does. */
    public JsonNode postNdjson(String path, byte[] ndjson, int length) {
        return require(new ElasticRequest("POST", path, ndjson, length, ElasticRequest.NDJSON, true));
    }

    /**
     * Sends a request and returns its successful answer.
     *
     * @throws StoreRequestException when the engine answers with an error status
     */
    public JsonNode require(ElasticRequest request) {
        ElasticResponse response = send(request);
        if (!response.isSuccess()) {
            throw rejected(request, response);
        }
        return response.body();
    }

    /**
     * Sends a request, retrying transient failures, and returns the answer whatever its status except 401/403,
     * so that callers can treat 404 and the like as facts.
     *
     * @throws StoreUnreachableException when no host answers
     * @throws StoreAccessDeniedException on 401 or 403
     */
    public ElasticResponse send(ElasticRequest request) {
        return exchangeWithRetries(request, true).toResponse();
    }

    /**
     * Sends a request and hands a successful answer's body to {@code reader} unread, for answers too large to
     * hold (a page of events). The reader owns the stream and must close it. Retries happen only before the body
     * is handed over.
     *
     * @throws StoreRequestException when the engine answers with an error status
     */
    public <T> T stream(ElasticRequest request, BodyReader<T> reader) {
        RawResponse raw = exchangeWithRetries(request, false);
        if (!raw.isSuccess()) {
            throw rejected(request, raw.toResponse());
        }
        try {
            return reader.read(raw.body());
        } catch (IOException e) {
            raw.discard();
            throw droppedDuring(raw.host(), request, e);
        }
    }

    /** Reads a streamed answer body; see {@link #stream}. */
    @FunctionalInterface
    public interface BodyReader<T> {
        T read(InputStream body) throws IOException;
    }

    /** The failure for a connection lost while an answer was being read. */
    StoreUnreachableException droppedDuring(URI host, ElasticRequest request, IOException e) {
        return unreachable(host + " dropped the connection during " + request.describe() + ": "
                + (rootMessage(e) == null ? e.getClass().getSimpleName() : rootMessage(e))
                + " — check the cluster's health", e);
    }

    private RawResponse exchangeWithRetries(ElasticRequest request, boolean buffered) {
        if (closed.get()) {
            throw new IllegalStateException("ElasticClient is closed");
        }
        Backoff backoff = backoff();
        while (true) {
            Attempt attempt = attempt(request, buffered);
            RawResponse raw = attempt.response();
            if (raw != null) {
                if (!isTransient(raw.status(), request)) {
                    return accessChecked(request, raw);
                }
                if (!backoff.pause()) {
                    return accessChecked(request, raw);
                }
                raw.discard();
            } else if (!attempt.retryable()) {
                throw attempt.failure();
            } else if (!backoff.pause()) {
                throw backoff.waits() == 0 ? attempt.failure() : gaveUp(attempt.failure(), backoff);
            }
        }
    }

    /** The failure of a request still failing when the patience ran out: the engine went away mid-run. */
    private StoreUnreachableException gaveUp(MigrateException last, Backoff backoff) {
        return unreachable(hosts.describe() + " stopped answering and " + backoff.gaveUp(), last);
    }

    /** A one-line failure for an error answer, naming the host, the request and the engine's reason. */
    public StoreRequestException rejected(ElasticRequest request, ElasticResponse response) {
        return new StoreRequestException(safe("Elasticsearch at " + response.host() + " rejected " + request.describe()
                + " (HTTP " + response.status() + "): " + response.errorReason()));
    }

    @Override
    public void close() {
        closed.set(true); // Java 17's HttpClient has no close(); its threads end when it is unreachable
    }

    private Attempt attempt(ElasticRequest request, boolean buffered) {
        IOException connectFailure = null;
        for (int i = 0; i < hosts.size(); i++) {
            URI host = hosts.current();
            try {
                RawResponse response = exchange(host, request, buffered);
                everConnected.set(true);
                return new Attempt(response, null, false);
            } catch (IOException e) {
                Optional<MigrateException> tls = tlsFailures.explain(e, host.toString(), everConnected.get());
                if (tls.isPresent()) {
                    return new Attempt(null, tls.get(), false); // a certificate does not change by waiting
                }
                if (!(e instanceof ConnectException || e instanceof HttpConnectTimeoutException)) {
                    return failed(host, request, e);
                }
                connectFailure = e;
                hosts.skip(host);
            }
        }
        // Refused everywhere: a typo fails at once, a node restarting under a running import is waited for.
        return new Attempt(null, unreachable(hosts.describe() + " is unreachable: " + connectProblem(connectFailure)
                + " — check --elastic-host", connectFailure), everConnected.get());
    }

    /** A request that reached a host but got no answer: retried when it may be sent again. */
    private Attempt failed(URI host, ElasticRequest request, IOException e) {
        if (e instanceof HttpTimeoutException) {
            return new Attempt(null, unreachable(host + " did not answer " + request.describe() + " within "
                    + seconds(options.requestTimeout()) + " — check the cluster's health", e), request.idempotent());
        }
        if (!everConnected.get() && "http".equals(host.getScheme())) {
            // Elasticsearch 8 closes plain http on its https port without a word; waiting does not help.
            return new Attempt(null, unreachable(host + " closed the connection without answering "
                    + request.describe() + " — if it serves https (Elasticsearch 8 does by default), write "
                    + "https://" + host.getAuthority() + " and give --elastic-ca-cert", e), false);
        }
        return new Attempt(null, droppedDuring(host, request, e), request.idempotent());
    }

    /** One exchange with one host; a buffered answer is read whole here, so that a cut-off body is retried. */
    private RawResponse exchange(URI host, ElasticRequest request, boolean buffered) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(ElasticHosts.resolve(host, request.path()))
                .timeout(options.requestTimeout())
                .header("Accept", ElasticRequest.JSON)
                .method(request.method(), request.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body(), 0, request.bodyLength()));
        if (request.body() != null) {
            builder.header("Content-Type", request.contentType());
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        try {
            HttpResponse<InputStream> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            InputStream body = response.body();
            if (buffered) {
                try (InputStream in = body) {
                    body = new ByteArrayInputStream(in.readAllBytes());
                }
            }
            return new RawResponse(host, response.statusCode(), body,
                    response.headers().firstValue("X-Elastic-Product").orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted during " + request.describe());
        }
    }

    private static boolean isTransient(int status, ElasticRequest request) {
        // 429 and 503 mean the request was not executed; 502/504 come from a proxy that may have passed it on.
        return status == 429 || status == 503 || (request.idempotent() && (status == 502 || status == 504));
    }

    private RawResponse accessChecked(ElasticRequest request, RawResponse raw) {
        if (raw.status() == 401 || raw.status() == 403) {
            throw accessDenied(request, raw.toResponse());
        }
        return raw;
    }

    private StoreAccessDeniedException accessDenied(ElasticRequest request, ElasticResponse response) {
        String at = "Elasticsearch at " + response.host();
        if (response.status() == 401) {
            return new StoreAccessDeniedException(safe(apiKey != null
                    ? at + " refused the " + apiKeyName() + " (HTTP 401) — check --elastic-api-key: it may have "
                            + "expired, been invalidated, or belong to another cluster"
                    : user == null
                    ? at + " requires a login (HTTP 401) — give --elastic-user and a password, or --elastic-api-key"
                    : at + " refused the credentials of user '" + user + "' (HTTP 401) — check --elastic-user and "
                            + "the password"));
        }
        String who = apiKey != null ? "the " + apiKeyName() : user == null ? "anonymous access" : "user '" + user + "'";
        return new StoreAccessDeniedException(safe(at + " denied " + who + " to " + request.describe() + " (HTTP 403): "
                + response.errorReason() + " — use a user allowed to read and write events-*"));
    }

    private StoreUnreachableException unreachable(String what, @Nullable Throwable cause) {
        return new StoreUnreachableException(safe("Elasticsearch at " + what), cause);
    }

    /** Blanks the password and the API key wherever an engine or the JDK might have echoed them. */
    private String safe(String message) {
        String safe = message;
        for (String secret : secrets) {
            safe = safe.replace(secret, "***");
        }
        return safe;
    }

    /** The JDK's connect failures carry no message; name them as a user reads them. */
    private String connectProblem(@Nullable Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "no connection within " + seconds(options.connectTimeout());
            }
        }
        String message = rootMessage(error);
        return message == null ? "Connection refused" : message;
    }

    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    private static @Nullable String rootMessage(@Nullable Throwable error) {
        String message = null;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }

    private static String basic(String user, String password) {
        String pair = user + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** Who logs in: the settings' user, else the {@code user:password@} of a host URI, else nobody. */
    private record Login(@Nullable String user, @Nullable String password) {
        static Login of(ElasticSettings settings) {
            if (settings.user() != null) {
                return new Login(settings.user(), settings.password());
            }
            String info = ElasticHosts.userInfo(settings.hosts());
            if (info == null) {
                return new Login(null, null);
            }
            int colon = info.indexOf(':');
            return colon < 0
                    ? new Login(decode(info), null)
                    : new Login(decode(info.substring(0, colon)), decode(info.substring(colon + 1)));
        }

        private static String decode(String part) {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Login[user=" + user + "]";
        }
    }

    /** One try over the hosts: an answer, or a failure that may be worth retrying. */
    private record Attempt(@Nullable RawResponse response, @Nullable MigrateException failure, boolean retryable) {
    }
}
