package clearml.migrate.events;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP request to Elasticsearch or OpenSearch.
 *
 * @param method {@code GET}, {@code POST}, {@code PUT}, {@code DELETE} or {@code HEAD}
 * @param path the path and query relative to the host, starting with {@code /}
 * @param body the body, or null
 * @param bodyLength how many of {@code body}'s first bytes are sent (a bulk body is a reused, larger buffer)
 * @param contentType the body's media type ({@code application/json} or {@code application/x-ndjson})
 * @param idempotent whether a request that may already have reached the server can be sent again; false for
 *     scroll continuations, which would skip a page
 */
public record ElasticRequest(String method, String path, byte @Nullable [] body, int bodyLength, String contentType,
        boolean idempotent) {

    public static final String JSON = "application/json";
    public static final String NDJSON = "application/x-ndjson";

    public ElasticRequest {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("Request path must start with '/': " + path);
        }
        if (bodyLength < 0 || bodyLength > (body == null ? 0 : body.length)) {
            throw new IllegalArgumentException("Body length " + bodyLength + " outside the body");
        }
    }

    /** A request whose whole {@code body} is sent. */
    public ElasticRequest(String method, String path, byte @Nullable [] body, String contentType, boolean idempotent) {
        this(method, path, body, body == null ? 0 : body.length, contentType, idempotent);
    }

    /** An idempotent request with a JSON body (or none). */
    public static ElasticRequest json(String method, String path, byte @Nullable [] body) {
        return new ElasticRequest(method, path, body, JSON, true);
    }

    /** This request, marked as one that must not be repeated once it may have reached the server. */
    public ElasticRequest notIdempotent() {
        return new ElasticRequest(method, path, body, bodyLength, contentType, false);
    }

    /** {@code GET /path} as the messages show it. */
    public String describe() {
        int query = path.indexOf('?');
        return method + " " + (query < 0 ? path : path.substring(0, query));
    }
}
