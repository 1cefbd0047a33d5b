package clearml.migrate.events;

import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/** An answer whose body has not been read yet, so that large result pages can be parsed as they arrive. */
record RawResponse(URI host, int status, InputStream body, @Nullable String product) {

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** Reads the whole body and closes it. */
    ElasticResponse toResponse() {
        try (InputStream in = body) {
            return new ElasticResponse(host, status, ElasticJson.parse(in.readAllBytes()), product);
        } catch (IOException e) {
            return new ElasticResponse(host, status, TextNode.valueOf("(the body could not be read: " + e + ")"), product);
        }
    }

    /** Throws the body away (an answer that will be retried). */
    void discard() {
        try {
            body.close();
        } catch (IOException e) {
            // nothing to keep from an answer being replaced
        }
    }
}
