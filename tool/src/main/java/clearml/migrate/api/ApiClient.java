package clearml.migrate.api;

import clearml.migrate.failures.StoreAccessDeniedException;
import clearml.migrate.failures.StoreRequestException;
import clearml.migrate.failures.StoreUnreachableException;
import clearml.migrate.retry.Backoff;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A client of ClearML's REST API over the JDK {@code HttpClient} and Jackson (clearml-rest-api.md).
 *
 * <p>It logs in with {@code auth.login} (Basic access key and secret key) on first use and sends every call with
 * the Bearer token it got; it logs in again shortly before the token expires and once when a call is answered 401.
 * Failures are one line each: 401 and 403 are {@link StoreAccessDeniedException}s naming the access key (never the
 * secret), other error answers {@link StoreRequestException}s naming the call and the server's {@code result_msg},
 * a host that never answered {@link StoreUnreachableException}.
 *
 * <p>Retries, for up to {@link ApiSettings#retryFor()} with the waits of {@link Backoff} and at least what a
 * {@code Retry-After} asks for: 429 and 503 and a refused connection are retried for every call, as the server did
 * not act on it; 502, 504, a timeout and a connection lost mid-call are retried only for
 * {@linkplain ApiRequest#idempotent() idempotent} calls. A create or an event batch that failed after it may have
 * reached the server fails with one line instead of being sent twice: the caller, which knows what it created,
 * looks it up (by the id map or a marker it wrote) before it creates again. A scroll cut that way starts over
 * ({@link ScrollPages}). Thread-safe.
 */
public final class ApiClient implements Closeable {

    private static final ApiRequest LOGIN = ApiRequest.json("auth.login", ApiJson.object());

    private final ApiSettings settings;
    private final ApiClientOptions options;
    private final ApiTransport transport;
    private final ApiFailures failures;
    private final String basic;
    private final Object loginLock = new Object();
    private @Nullable LoginToken token;
    private final AtomicBoolean everConnected = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    public ApiClient(ApiSettings settings) {
        this(settings, ApiClientOptions.defaults());
    }

    public ApiClient(ApiSettings settings, ApiClientOptions options) {
        this.settings = settings;
        this.options = options;
        this.transport = new ApiTransport(settings.apiHost(), options);
        this.failures = new ApiFailures(settings.apiHost(), settings.credentials());
        ApiCredentials credentials = settings.credentials();
        String pair = credentials.accessKey() + ":" + credentials.secretKey();
        this.basic = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** The API server, as messages name it. */
    public URI host() {
        return settings.apiHost();
    }

    /** The settings this client was built with; their secret stays out of {@code toString}. */
    public ApiSettings settings() {
        return settings;
    }

    /** A fresh backoff with this client's waits and the user's patience: for one call or one whole scroll. */
    public Backoff backoff() {
        return new Backoff(options.firstBackoff(), options.maxBackoff(), settings.retryFor());
    }

    /** Who the server takes the caller for, from the login token; logs in when not yet logged in. */
    public ApiIdentity identity() {
        return token(backoff()).identity();
    }

    /** Calls an endpoint idempotently and returns the answer's {@code data}. */
    public JsonNode call(String endpoint, JsonNode body) {
        return call(ApiRequest.json(endpoint, body));
    }

    /**
     * Sends a call and returns the {@code data} of its successful answer.
     *
     * @throws StoreRequestException when the server answers with an error
     */
    public JsonNode call(ApiRequest request) {
        ApiResponse response = send(request);
        if (!response.isSuccess()) {
            throw failures.rejected(response);
        }
        return response.data();
    }

    /**
     * Sends a call and returns the answer whatever its code, except 401 and 403, so that callers can take a 400
     * (say, {@code 400/203 model is ready}) as a fact.
     *
     * @throws StoreAccessDeniedException on 401 or 403
     * @throws StoreUnreachableException when the server cannot be reached within the patience, or a call that is
     *     not sent twice failed after it may have reached the server
     */
    public ApiResponse send(ApiRequest request) {
        try {
            return exchange(request, backoff());
        } catch (MaybeReached e) {
            throw e.failure();
        }
    }

    /** The failure for an error answer of {@link #send}: names the host, the call and the server's message. */
    public StoreRequestException rejected(ApiResponse response) {
        return failures.rejected(response);
    }

    /**
     * Adds events with one {@code events.add_batch} (JSON lines) and returns its {@code data}: {@code added},
     * {@code errors} and {@code errors_info}. Not idempotent: log events get random ids (data model §2.4) and the
     * server accumulates metric statistics.
     */
    public JsonNode addEvents(Iterable<? extends JsonNode> events) {
        return call(ApiRequest.eventBatch(events));
    }

    /**
     * Every entity a {@code get_all_ex} query matches, {@code size} per page ({@link EntityPages}).
     *
     * @param endpoint e.g. {@code tasks.get_all_ex}; the list is the answer's field named after the service
     * @param query the query, without {@code scroll_id} and {@code size}
     */
    public EntityPages entities(String endpoint, ObjectNode query, int size) {
        return new EntityPages(this, endpoint, query, size);
    }

    /**
     * Every event of a task (or a model, with {@code model_events: true} in the query) through
     * {@code events.get_task_events}, {@code batchSize} per page at most ({@link TaskEventPages}).
     */
    public TaskEventPages taskEvents(ObjectNode query, int batchSize) {
        return new TaskEventPages(this, query, batchSize);
    }

    @Override
    public void close() {
        closed.set(true); // Java 17's HttpClient has no close(); its threads end when it is unreachable
    }

    /**
     * One call within {@code backoff}, with a new login when the token was refused. Throws {@link MaybeReached}
     * for a call that is not sent twice, so that a scroll in this package can start over.
     */
    ApiResponse exchange(ApiRequest request, Backoff backoff) {
        if (closed.get()) {
            throw new IllegalStateException("ApiClient is closed");
        }
        LoginToken used = token(backoff);
        ApiResponse answer = retrying(request, "Bearer " + used.value(), backoff);
        if (answer.resultCode() == 401) {
            // The token expired or was revoked; a 401 means the server did not act, so any call may go again.
            forget(used);
            answer = retrying(request, "Bearer " + token(backoff).value(), backoff);
        }
        return accessChecked(answer);
    }

    private LoginToken token(Backoff backoff) {
        synchronized (loginLock) {
            if (token == null || token.expiresBefore(Instant.now().plus(options.loginMargin()))) {
                token = login(backoff);
            }
            return token;
        }
    }

    private void forget(LoginToken stale) {
        synchronized (loginLock) {
            if (token == stale) {
                token = null;
            }
        }
    }

    private LoginToken login(Backoff backoff) {
        ApiResponse answer = accessChecked(retrying(LOGIN, basic, backoff));
        String value = answer.data().path("token").asText("");
        if (!answer.isSuccess() || value.isEmpty()) {
            throw failures.rejected(answer);
        }
        return LoginToken.of(value);
    }

    private ApiResponse accessChecked(ApiResponse answer) {
        if (answer.resultCode() == 401) {
            throw failures.refused(answer);
        }
        if (answer.resultCode() == 403) {
            throw failures.forbidden(answer);
        }
        return answer;
    }

    private ApiResponse retrying(ApiRequest request, String authorization, Backoff backoff) {
        while (true) {
            ApiTransport.Outcome outcome = transport.post(request, authorization);
            ApiTransport.Answer answer = outcome.answer();
            if (answer != null) {
                everConnected.set(true);
                ApiResponse response = ApiEnvelope.read(host(), request.endpoint(), answer.status(), answer.body());
                if (!isTransient(response.resultCode())) {
                    return response;
                }
                waitAfterAnswer(request, response, answer, backoff);
            } else {
                waitAfterFailure(request, outcome, backoff);
            }
        }
    }

    private void waitAfterAnswer(ApiRequest request, ApiResponse response, ApiTransport.Answer answer,
            Backoff backoff) {
        String what = "HTTP " + response.resultCode() + " to " + request.endpoint();
        if (!request.idempotent() && !surelyNotActedOn(response.resultCode())) {
            throw new MaybeReached(failures.mayHaveReached(request, "HTTP " + response.resultCode(), null));
        }
        if (!backoff.pause(answer.retryAfter())) {
            throw failures.gaveUp(what, backoff, null);
        }
    }

    private void waitAfterFailure(ApiRequest request, ApiTransport.Outcome outcome, Backoff backoff) {
        IOException failure = outcome.failure();
        String what = describe(failure) + " during " + request.endpoint();
        if (outcome.connectFailed() && !everConnected.get()) {
            throw failures.unreachable(failure); // a typo, not an outage: fail at once
        }
        if (!outcome.connectFailed() && !request.idempotent()) {
            throw new MaybeReached(failures.mayHaveReached(request, describe(failure), failure));
        }
        if (!backoff.pause()) {
            throw failures.gaveUp(what, backoff, failure);
        }
    }

    private String describe(@Nullable IOException failure) {
        if (failure instanceof HttpTimeoutException) {
            return "no answer within " + options.requestTimeout().toSeconds() + " s";
        }
        return ApiFailures.connectProblem(failure);
    }

    /** Overloaded or restarting: 429 and 503 say the call was not executed, 502 and 504 come from a proxy. */
    private static boolean isTransient(int code) {
        return code == 429 || code == 502 || code == 503 || code == 504;
    }

    private static boolean surelyNotActedOn(int code) {
        return code == 429 || code == 503;
    }
}
