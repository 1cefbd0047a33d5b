package clearml.migrate.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * An answer from Elasticsearch or OpenSearch.
 *
 * @param host the host that answered
 * @param status the HTTP status
 * @param body the JSON body; a text node when the body was not JSON (a proxy's page), missing when empty
 * @param product the {@code X-Elastic-Product} header (Elasticsearch ≥7.14 sends it, OpenSearch never), or null
 */
public record ElasticResponse(URI host, int status, JsonNode body, @Nullable String product) {

    /** Whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /**
     * The engine's error as {@code type: reason}, including the first root cause when it says more (or, for a bulk
     * item, which has none, its {@code caused_by}); both engines answer
     * {@code {"error":{"type","reason","root_cause":[…]},"status"}}, old ones a plain string.
     */
    public String errorReason() {
        return reasonOf(body);
    }

    /** {@link #errorReason()} of any answer or bulk item holding an {@code error}. */
    static String reasonOf(JsonNode body) {
        JsonNode error = body.path("error");
        if (error.isTextual()) {
            return error.textValue();
        }
        if (error.isObject()) {
            String reason = typeAndReason(error);
            JsonNode root = error.path("root_cause").path(0);
            JsonNode cause = error.path("caused_by");
            if (!root.isObject() && cause.isObject()) {
                // a bulk item's error has no root_cause; ES 8's document_parsing_exception says why in caused_by
                return reason + " (caused by: " + typeAndReason(cause) + ")";
            }
            String rootReason = root.isObject() ? typeAndReason(root) : reason;
            return rootReason.equals(reason) ? reason : reason + " (root cause: " + rootReason + ")";
        }
        String text = body.isTextual() ? body.textValue() : body.toString();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static String typeAndReason(JsonNode error) {
        return error.path("type").asText("error") + ": " + error.path("reason").asText("");
    }
}
