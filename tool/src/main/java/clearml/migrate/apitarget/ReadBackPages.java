package clearml.migrate.apitarget;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiJson;
import clearml.migrate.archive.EntityKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.bson.Document;

/**
 * Entities read back from the server a page at a time ({@code get_all_ex} by id) and compared with what is
 * expected of them ({@link ReadBack}); used by the import after its writes and by {@code verify --api-host}, so the
 * two expect the same. Memory: one page of expected documents.
 */
final class ReadBackPages {

    /** Entities read back per {@code get_all_ex} call. */
    static final int PAGE = 100;

    private final ApiClient client;
    private final IdMap ids;
    private final IdRemap remap;
    private final Predicate<String> ownerKept;
    private final List<FieldDifference> differences = new ArrayList<>();
    private final Map<String, ObjectNode> page = new LinkedHashMap<>();
    private final Map<String, String> archivedIds = new LinkedHashMap<>();

    /** {@code ownerKept} tells the owners the server should show (those the writes acted as). */
    ReadBackPages(ApiClient client, IdMap ids, IdRemap remap, Predicate<String> ownerKept) {
        this.client = client;
        this.ids = ids;
        this.remap = remap;
        this.ownerKept = ownerKept;
    }

    /**
     * The document the server should hold for a finished (prepared, with statistics and save defaults) document:
     * in API form, with its {@code migrated} record and the server's ids.
     */
    static ObjectNode source(EntityKind kind, Document prepared) {
        ObjectNode api = ApiForm.of(kind, prepared);
        Migrated.record(kind, api, api.deepCopy());
        return api;
    }

    /** Queues the archived entity for comparison; compares a full page of {@code kind}. */
    void expect(EntityKind kind, String archivedId, ObjectNode source) {
        String targetId = ids.targetOr(kind, archivedId);
        page.put(targetId, remap.apply(kind, source.deepCopy(), new ArrayList<>()));
        archivedIds.put(targetId, archivedId);
        if (page.size() >= PAGE) {
            flush(kind);
        }
    }

    /** Compares what is queued of {@code kind}. */
    void flush(EntityKind kind) {
        if (page.isEmpty()) {
            return;
        }
        ObjectNode query = ApiJson.object().put("search_hidden", true);
        page.keySet().forEach(query.putArray("id")::add);
        query.set("only_fields", ReadBack.fieldsOf(List.copyOf(page.values())));
        Set<String> seen = new HashSet<>();
        client.entities(ApiEntities.endpoint(kind, "get_all_ex"), query, PAGE).forEachRemaining(actual -> {
            String targetId = actual.path("id").asText();
            ObjectNode expected = page.get(targetId);
            if (expected != null && seen.add(targetId)) {
                ReadBack.compare(kind, archivedIds.get(targetId), expected, actual, differences);
                checkOwner(kind, archivedIds.get(targetId), expected, actual);
            }
        });
        page.keySet().stream().filter(target -> !seen.contains(target)).forEach(target -> differences.add(
                new FieldDifference(ApiEntities.field(kind), archivedIds.get(target), target, "(entity)",
                        "present", "absent")));
        page.clear();
        archivedIds.clear();
    }

    List<FieldDifference> differences() {
        return differences;
    }

    private void checkOwner(EntityKind kind, String archivedId, ObjectNode expected, JsonNode actual) {
        String owner = expected.path("user").asText("");
        if (ownerKept.test(owner) && !owner.equals(actual.path("user").asText())) {
            differences.add(new FieldDifference(ApiEntities.field(kind), archivedId, actual.path("id").asText(),
                    "user", '"' + owner + '"', actual.path("user").toString()));
        }
    }
}
