package clearml.sandbox.api;

import clearml.sandbox.ElasticHttp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * ClearML's event indices on the sandbox's search engine ({@code bll/event/event_common.py}): one index per event type
 * and company, {@code events-<type>-<company lower-cased>}, {@code *} for every type; searches and deletes that meet
 * no index find nothing, as the server's {@code check_empty_data} makes them.
 */
final class EventStore {

    static final String ALL_TYPES = "*";
    private static final String TOLERANT = "ignore_unavailable=true&allow_no_indices=true";

    private final ElasticHttp http;

    EventStore(ElasticHttp http) {
        this.http = http;
    }

    static String index(String company, String type) {
        return "events-" + type.toLowerCase(Locale.ROOT).replace(' ', '_') + "-" + company.toLowerCase(Locale.ROOT);
    }

    JsonNode search(String index, ObjectNode body) {
        return http.post("/" + index + "/_search?" + TOLERANT, body.toString());
    }

    long count(String index, JsonNode query) {
        ObjectNode body = Json.object();
        body.set("query", query);
        return http.post("/" + index + "/_count?" + TOLERANT, body.toString()).path("count").asLong();
    }

    /** Indexes (overwriting by id) and refreshes; answers how many of the documents were stored. */
    int bulk(String ndjson) {
        JsonNode answer = http.bulk("/_bulk?refresh=true", ndjson);
        int stored = 0;
        for (JsonNode item : answer.path("items")) {
            if (item.path("index").path("status").asInt(500) < 300) {
                stored++;
            }
        }
        return stored;
    }

    /** {@code delete_task_events}: every event of the tasks (or models) {@code ids} in the company's indices. */
    long deleteFor(String company, List<String> ids) {
        ObjectNode body = Json.object();
        body.putObject("query").putObject("terms").set("task", Json.toJson(ids));
        return http.post("/" + index(company, ALL_TYPES) + "/_delete_by_query?conflicts=proceed&refresh=true&"
                + TOLERANT, body.toString()).path("deleted").asLong();
    }
}
