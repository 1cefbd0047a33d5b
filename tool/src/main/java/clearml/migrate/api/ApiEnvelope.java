package clearml.migrate.api;

import clearml.migrate.failures.NotAClearmlStoreException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.util.Set;

/**
 * Reads an HTTP answer of the apiserver: the JSON envelope {@code {"meta": {…}, "data": {…}}} it wraps every answer
 * in, errors included. A proxy in front of it may answer an overload or a login wall without one.
 */
final class ApiEnvelope {

    /** Statuses a proxy or load balancer may send in its own words, without ClearML's envelope. */
    private static final Set<Integer> BARE_STATUSES = Set.of(401, 403, 429, 502, 503, 504);

    private ApiEnvelope() {
    }

    /**
     * The answer as a response.
     *
     * @throws NotAClearmlStoreException when it carries no envelope and is no proxy's answer: the host is not a
     *     ClearML API server
     */
    static ApiResponse read(URI host, String endpoint, int status, byte[] body) {
        JsonNode root = parse(body);
        JsonNode meta = root.path("meta");
        if (meta.isObject()) {
            return new ApiResponse(host, endpoint, meta.path("result_code").asInt(status),
                    meta.path("result_subcode").asInt(0), meta.path("result_msg").asText(""), root.path("data"));
        }
        if (BARE_STATUSES.contains(status)) {
            return new ApiResponse(host, endpoint, status, 0, "HTTP " + status + " without a ClearML answer",
                    MissingNode.getInstance());
        }
        throw new NotAClearmlStoreException("The server at " + host + " answered " + endpoint + " with HTTP " + status
                + " but not as a ClearML API server does; check --api-host: it names the API server (port 8008, "
                + "or https://api.… for the hosted service), not the web UI or the file server");
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = body.length == 0 ? null : ApiJson.MAPPER.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
