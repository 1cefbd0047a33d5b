package clearml.migrate.apisource;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code <service>.get_all_ex} listings as this adapter sends them: every page followed ({@code api.EntityPages}),
 * id and project lists cut into slices of {@value #SLICE} so that no request grows with the selection.
 */
final class ApiLists {

    /** Ids one request names; also the documents one slice holds (a task document can reach megabytes). */
    static final int SLICE = 100;
    /** The page size asked for; the real server cuts it to 500 anyway (clearml-rest-api.md, Limits). */
    private static final int PAGE = 500;

    private final ApiClient client;

    ApiLists(ApiClient client) {
        this.client = client;
    }

    /** Every item the query matches, each handed to {@code sink}. */
    void each(String endpoint, ObjectNode query, Consumer<ObjectNode> sink) {
        client.entities(endpoint, query, PAGE).forEachRemaining(item -> sink.accept((ObjectNode) item));
    }

    /**
     * Every item of a listing that does not scroll ({@code users.get_all_ex}, which the server answers without a
     * scroll id), by {@code page} and {@code page_size} in id order until a page comes back empty.
     */
    void eachByPage(String endpoint, ObjectNode query, Consumer<ObjectNode> sink) {
        for (int page = 0; ; page++) {
            ObjectNode paged = query.deepCopy().put("page", page).put("page_size", PAGE);
            paged.putArray("order_by").add("id");
            JsonNode items = client.call(endpoint, paged).path(endpoint.substring(0, endpoint.indexOf('.')));
            if (items.isEmpty()) {
                return;
            }
            items.forEach(item -> sink.accept((ObjectNode) item));
        }
    }

    /** Every item the query matches with {@code field} set to each slice of {@code values} in turn. */
    void eachIn(String endpoint, ObjectNode query, String field, Collection<String> values,
                Consumer<ObjectNode> sink) {
        List<String> all = List.copyOf(values);
        for (int start = 0; start < all.size(); start += SLICE) {
            ObjectNode sliced = query.deepCopy();
            sliced.set(field, strings(all.subList(start, Math.min(all.size(), start + SLICE))));
            each(endpoint, sliced, sink);
        }
    }

    /** The items of one query, collected. */
    List<ObjectNode> all(String endpoint, ObjectNode query) {
        List<ObjectNode> items = new ArrayList<>();
        each(endpoint, query, items::add);
        return items;
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode array = ApiJson.MAPPER.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    /** A query that names the fields to return ({@code only_fields}); hidden entities are searched too. */
    static ObjectNode onlyFields(Collection<String> fields) {
        ObjectNode query = everything();
        query.set("only_fields", strings(fields));
        return query;
    }

    /** A query for whole documents, hidden entities included (reports, datasets, pipelines are hidden, §1.3). */
    static ObjectNode everything() {
        return ApiJson.object().put("search_hidden", true);
    }

    static String text(JsonNode item, String field) {
        return item.path(field).isTextual() ? item.path(field).asText() : "";
    }
}
