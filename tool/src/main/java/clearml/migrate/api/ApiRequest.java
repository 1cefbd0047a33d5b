package clearml.migrate.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One call of ClearML's API: {@code POST {api}/<service>.<action>} with a body.
 *
 * @param endpoint {@code <service>.<action>}, e.g. {@code tasks.get_all_ex}
 * @param body the body bytes
 * @param contentType {@link #JSON}, or {@link #JSON_LINES} for {@code events.add_batch}
 * @param idempotent whether the call may be sent again after it may have reached the server: false for creates,
 *     event batches (log events get random ids, data model §2.4) and scroll continuations (the server moves the
 *     scroll on), which are sent again only when the server surely did not act on them
 * @param actAs the user id to act as ({@code X-ClearML-Act-As}, admin callers only: the created entity gets that
 *     owner), or null
 */
public record ApiRequest(String endpoint, byte[] body, String contentType, boolean idempotent, @Nullable String actAs) {

    public static final String JSON = "application/json";
    public static final String JSON_LINES = "application/json-lines";

    private static final Pattern ENDPOINT = Pattern.compile("[a-z_]+\\.[a-z_0-9]+");

    public ApiRequest {
        if (!ENDPOINT.matcher(endpoint).matches()) {
            throw new IllegalArgumentException("Not a ClearML endpoint (service.action): " + endpoint);
        }
    }

    /** An idempotent call with a JSON body. */
    public static ApiRequest json(String endpoint, JsonNode body) {
        return new ApiRequest(endpoint, ApiJson.bytes(body), JSON, true, null);
    }

    /** A call that creates something: sent again only when the server surely did not act on it. */
    public static ApiRequest create(String endpoint, JsonNode body) {
        return json(endpoint, body).notIdempotent();
    }

    /** {@code events.add_batch}: events as JSON lines, not idempotent. */
    public static ApiRequest eventBatch(Iterable<? extends JsonNode> events) {
        return new ApiRequest("events.add_batch", ApiJson.lines(events), JSON_LINES, false, null);
    }

    /** This call, marked as one that must not be repeated once it may have reached the server. */
    public ApiRequest notIdempotent() {
        return new ApiRequest(endpoint, body, contentType, false, actAs);
    }

    /** This call, made on behalf of another user of the caller's company ({@code X-ClearML-Act-As}). */
    public ApiRequest actingAs(String userId) {
        return new ApiRequest(endpoint, body, contentType, idempotent, userId);
    }

    /** The service part of the endpoint: {@code tasks} for {@code tasks.get_all_ex}. */
    public String service() {
        return endpoint.substring(0, endpoint.indexOf('.'));
    }

    @Override
    public String toString() {
        return "ApiRequest[" + endpoint + ", " + body.length + " bytes, " + contentType + ", idempotent=" + idempotent
                + (actAs == null ? "" : ", actAs=" + actAs) + "]";
    }
}
