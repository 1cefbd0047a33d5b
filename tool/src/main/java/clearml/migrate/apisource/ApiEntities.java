package clearml.migrate.apisource;

import clearml.migrate.archive.EntityKind;
import clearml.migrate.archive.ExportMap;
import clearml.migrate.exporting.ChangeStamps;
import clearml.migrate.exporting.EntityKey;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Projects, tasks and models by id through {@code get_all_ex}, whole. The server leaves out the fields its models
 * mark {@code exclude_by_default} (data model §3.5) unless a call names them, and naming some returns only those,
 * so each slice takes two calls: one for every other field, one for the hidden ones, which are then added at the
 * end of the document (their stored position is not answered).
 */
final class ApiEntities {

    /** The {@code exclude_by_default} fields of each kind, read from the server's database models. */
    private static final Map<EntityKind, List<String>> HIDDEN = Map.of(
            EntityKind.PROJECT, List.of("path", "logo_blob", "company_origin"),
            EntityKind.TASK, List.of("unique_metrics", "company_origin", "enqueue_status"),
            EntityKind.MODEL, List.of("ui_cache", "company_origin", "unique_metrics"));
    private static final List<String> KEY_FIELDS =
            List.of("id", "name", "last_update", "created", "company", "company_origin");

    private final ApiLists lists;

    ApiEntities(ApiLists lists) {
        this.lists = lists;
    }

    /** The keys of those of {@code ids} the caller can see. */
    List<EntityKey> keys(EntityKind kind, Collection<String> ids) {
        List<EntityKey> keys = new ArrayList<>();
        lists.eachIn(endpoint(kind), ApiLists.onlyFields(KEY_FIELDS), "id", ids, item -> keys.add(key(item)));
        return keys;
    }

    /** When each of those of {@code ids} that exist last changed: its dates alone, one call per slice. */
    Map<String, String> changeStamps(EntityKind kind, Collection<String> ids) {
        Map<String, String> stamps = new HashMap<>();
        lists.eachIn(endpoint(kind), ApiLists.onlyFields(withId(ChangeStamps.FIELDS)), "id", ids,
                item -> stamps.put(item.path("id").asText(), ChangeStamps.stamp(dates(item))));
        return stamps;
    }

    /** The documents of {@code keys} in their order, {@value ApiLists#SLICE} at a time. */
    void documents(EntityKind kind, List<EntityKey> keys, Consumer<Document> sink) {
        for (int start = 0; start < keys.size(); start += ApiLists.SLICE) {
            List<String> ids = keys.subList(start, Math.min(keys.size(), start + ApiLists.SLICE)).stream()
                    .map(EntityKey::id).toList();
            Map<String, ObjectNode> whole = byId(kind, ApiLists.everything(), ids);
            Map<String, ObjectNode> hidden = byId(kind, ApiLists.onlyFields(withId(HIDDEN.get(kind))), ids);
            for (String id : ids) {
                ObjectNode answer = whole.get(id);
                if (answer != null) {
                    sink.accept(StoredForm.entity(kind, joined(answer, hidden.get(id))));
                }
            }
        }
    }

    private Map<String, ObjectNode> byId(EntityKind kind, ObjectNode query, List<String> ids) {
        Map<String, ObjectNode> found = new HashMap<>();
        lists.eachIn(endpoint(kind), query, "id", ids, item -> found.put(item.path("id").asText(), item));
        return found;
    }

    private static ObjectNode joined(ObjectNode answer, @Nullable ObjectNode hidden) {
        if (hidden != null) {
            hidden.fields().forEachRemaining(field -> {
                if (!answer.has(field.getKey())) {
                    answer.set(field.getKey(), field.getValue());
                }
            });
        }
        return answer;
    }

    private static Document dates(ObjectNode item) {
        Document dates = new Document();
        ChangeStamps.FIELDS.forEach(field -> dates.put(field, StoredForm.date(ApiLists.text(item, field))));
        return dates;
    }

    private static List<String> withId(List<String> fields) {
        List<String> named = new ArrayList<>(List.of("id"));
        named.addAll(fields);
        return named;
    }

    private static EntityKey key(ObjectNode item) {
        Object stamp = StoredForm.date(ApiLists.text(item, "last_update"));
        if (!(stamp instanceof Date)) {
            stamp = StoredForm.date(ApiLists.text(item, "created"));
        }
        String company = ApiLists.text(item, "company");
        return new EntityKey(ApiLists.text(item, "name"), item.path("id").asText(),
                stamp instanceof Date date ? ExportMap.timestamp(date) : "",
                company.isEmpty() ? ApiLists.text(item, "company_origin") : company);
    }

    static String endpoint(EntityKind kind) {
        return switch (kind) {
            case PROJECT -> "projects.get_all_ex";
            case TASK -> "tasks.get_all_ex";
            case MODEL -> "models.get_all_ex";
        };
    }
}
