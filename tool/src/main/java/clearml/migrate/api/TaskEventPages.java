package clearml.migrate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Every event of a task through {@code events.get_task_events}, paged with {@code scroll_id} and
 * {@code batch_size}. The real server returns at most 10 000 per call (clearml-rest-api.md, Limits), whatever it is
 * asked for; one that refuses a batch as too large gets the same call with half the batch, down to one event.
 */
public final class TaskEventPages extends ScrollPages {

    TaskEventPages(ApiClient client, ObjectNode query, int batchSize) {
        super(client, "events.get_task_events", query, "batch_size", batchSize);
    }

    @Override
    JsonNode items(JsonNode data) {
        return data.path("events");
    }

    @Override
    @Nullable
    JsonNode accept(ApiResponse response) {
        if (!response.isSuccess() && size() > 1 && tooLarge(response)) {
            shrink(size() / 2);
            return null;
        }
        return super.accept(response);
    }

    /** A refusal of the page size: the server's own words, or Elasticsearch's result window behind it. */
    private static boolean tooLarge(ApiResponse response) {
        String message = response.resultMsg().toLowerCase(Locale.ROOT);
        return message.contains("too large") || message.contains("max_result_window");
    }
}
