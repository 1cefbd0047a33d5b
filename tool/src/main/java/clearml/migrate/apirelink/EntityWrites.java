package clearml.migrate.apirelink;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiJson;
import clearml.migrate.api.ApiRequest;
import clearml.migrate.api.ApiResponse;
import clearml.migrate.apirelink.ApiField.Call;
import clearml.migrate.links.LinkPlace.Holder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes fields of one entity through their calls ({@link ApiField.Call}), one call per kind, and reads the entity
 * back: the relink's writes and the undo's. Every call sets values, so sending one again changes nothing.
 */
final class EntityWrites {

    private final ApiClient client;

    EntityWrites(ApiClient client) {
        this.client = client;
    }

    /** Sends {@code values}; answers, per field the server refused, its answer's code and message. */
    Map<ApiField, String> write(ApiEntity entity, Map<ApiField, JsonNode> values) {
        Map<Call, Map<ApiField, JsonNode>> byCall = new EnumMap<>(Call.class);
        values.forEach((field, value) -> byCall.computeIfAbsent(field.call(), c -> new LinkedHashMap<>())
                .put(field, value));
        Map<ApiField, String> refused = new EnumMap<>(ApiField.class);
        byCall.forEach((call, fields) -> {
            ObjectNode body = ApiJson.object().put(call.idField(), entity.id());
            if (call == Call.TASKS_EDIT) {
                body.put("force", true); // without it the server edits only tasks in status created
            }
            fields.forEach((field, value) -> field.putInto(body, value));
            ApiResponse answer = client.send(ApiRequest.json(call.endpoint(), body));
            if (!answer.isSuccess()) {
                fields.keySet().forEach(field -> refused.put(field, call.endpoint() + " answered " + answer.code()
                        + " " + answer.resultMsg()));
            }
        });
        return refused;
    }

    /** The entity as the server holds it now, with the fields {@link ApiEntity#onlyFields} names; null when gone. */
    @Nullable JsonNode read(Holder holder, String id) {
        ObjectNode query = ApiJson.object().put("search_hidden", true);
        query.putArray("id").add(id);
        ArrayNode only = query.putArray("only_fields");
        ApiEntity.onlyFields(holder).forEach(only::add);
        JsonNode found = client.call(ApiEntity.listing(holder), query).path(ApiEntity.kind(holder) + "s");
        return found.size() == 0 ? null : found.get(0);
    }
}
