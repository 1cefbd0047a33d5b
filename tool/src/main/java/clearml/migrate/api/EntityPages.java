package clearml.migrate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every entity a {@code <service>.get_all_ex} query matches, paged with {@code scroll_id} and {@code size}: without
 * a scroll id the server returns one page and stops (clearml-rest-api.md, Limits). The real server caps unscrolled
 * pages at 500; {@code size} is a wish, never relied on.
 */
public final class EntityPages extends ScrollPages {

    private final String field;

    EntityPages(ApiClient client, String endpoint, ObjectNode query, int size) {
        super(client, endpoint, query, "size", size);
        this.field = endpoint.substring(0, endpoint.indexOf('.'));
    }

    /** {@code tasks.get_all_ex} answers {@code {"tasks": […]}}: the list is named after the service. */
    @Override
    JsonNode items(JsonNode data) {
        return data.path(field);
    }
}
