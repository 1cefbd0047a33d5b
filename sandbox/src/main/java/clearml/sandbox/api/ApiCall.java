package clearml.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One call as an endpoint sees it ({@code service_repo/apicall.py}): its name and version, the JSON body (or the
 * JSON-lines items of a batch), the headers, and the identity it acts for once authorized.
 */
final class ApiCall {

    private final String endpoint;
    private final String requestedVersion;
    private final Map<String, String> headers;
    private ObjectNode data = Json.object();
    private @Nullable List<ObjectNode> batched;
    private @Nullable Identity identity;
    private @Nullable String sessionToken;

    ApiCall(String endpoint, String requestedVersion, Map<String, String> headers) {
        this.endpoint = endpoint;
        this.requestedVersion = requestedVersion;
        this.headers = headers;
    }

    /** Takes the body, read after the call was authorized: a JSON object, or the items of a JSON-lines batch. */
    void load(ObjectNode body, @Nullable List<ObjectNode> items) {
        this.data = body;
        this.batched = items;
    }

    /** The token {@code auth.login} also sets as the session cookie, or null. */
    @Nullable String sessionToken() {
        return sessionToken;
    }

    void sessionToken(String token) {
        this.sessionToken = token;
    }

    String endpoint() {
        return endpoint;
    }

    String requestedVersion() {
        return requestedVersion;
    }

    /** A header by its lower-case name, or null. */
    @Nullable String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    /** The first of ClearML's {@code X-ClearML-<name>} and legacy {@code X-Trains-<name>} headers present. */
    @Nullable String clearmlHeader(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        String value = headers.get("x-clearml-" + lower);
        return value != null ? value : headers.get("x-trains-" + lower);
    }

    /** The worker the call reports from ({@code X-ClearML-Worker}), {@code <unknown>} without one. */
    String worker() {
        String worker = clearmlHeader("Worker");
        return worker == null ? "<unknown>" : worker;
    }

    ObjectNode data() {
        return data;
    }

    /** The JSON-lines items, or the body as one item ({@code DataContainer.batched_data}). */
    List<ObjectNode> batchedData() {
        if (batched != null) {
            return batched;
        }
        return data.isEmpty() ? List.of() : List.of(data);
    }

    Identity identity() {
        return Objects.requireNonNull(identity, "an authorized endpoint always has an identity");
    }

    @Nullable Identity identityOrNull() {
        return identity;
    }

    void identity(Identity value) {
        this.identity = value;
    }

    String company() {
        return identity().company();
    }

    String user() {
        return identity().user();
    }

    /** A field a request model declares required: its absence is jsonmodels' validation error. */
    String required(String field) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            throw ApiError.VALIDATION_ERROR.withExtra(
                    "error for field '" + field + "'. field is required!");
        }
        return value.asText();
    }

    @Nullable String string(String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    String string(String field, String fallback) {
        String value = string(field);
        return value == null ? fallback : value;
    }

    boolean flag(String field, boolean fallback) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? fallback : value.asBoolean();
    }

    @Nullable Integer integer(String field) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt()) {
            throw ApiError.VALIDATION_ERROR.withExtra("error for field '" + field + "'. value is not an integer");
        }
        return value.asInt();
    }

    boolean has(String field) {
        return data.has(field);
    }
}
