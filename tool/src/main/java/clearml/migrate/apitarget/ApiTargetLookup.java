package clearml.migrate.apitarget;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiJson;
import clearml.migrate.api.ApiRequest;
import clearml.migrate.api.ApiResponse;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.importing.ExistingUsers;
import clearml.migrate.importing.TargetLookup;
import clearml.migrate.mongo.Collections;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The target port's planning reads through the REST API: an archived entity exists when the id map names the
 * entity a former run created and the server still has it; projects by name and users as the API lists them.
 */
public final class ApiTargetLookup implements TargetLookup {

    private static final int PAGE = 500;

    private final ApiClient client;
    private final IdMap ids;

    public ApiTargetLookup(ApiClient client, IdMap ids) {
        this.client = client;
        this.ids = ids;
    }

    @Override
    public Set<String> existingIds(String collection, Collection<String> archivedIds) {
        EntityKind kind = kindOf(collection);
        Map<String, String> archivedByTarget = new HashMap<>();
        archivedIds.forEach(archived -> {
            String target = ids.target(kind, archived);
            if (target != null) {
                archivedByTarget.put(target, archived);
            }
        });
        Set<String> existing = new HashSet<>();
        for (String target : serverIds(kind, archivedByTarget.keySet())) {
            existing.add(archivedByTarget.get(target));
        }
        return existing;
    }

    /** Those of {@code targetIds} the server has (hidden ones too). */
    Set<String> serverIds(EntityKind kind, Collection<String> targetIds) {
        Set<String> found = new LinkedHashSet<>();
        List<String> all = List.copyOf(targetIds);
        for (int from = 0; from < all.size(); from += PAGE) {
            ObjectNode query = ApiJson.object().put("search_hidden", true);
            ArrayNode idList = query.putArray("id");
            all.subList(from, Math.min(all.size(), from + PAGE)).forEach(idList::add);
            query.putArray("only_fields").add("id");
            client.entities(ApiEntities.endpoint(kind, "get_all_ex"), query, PAGE)
                    .forEachRemaining(entity -> found.add(entity.path("id").asText()));
        }
        return found;
    }

    @Override
    public Map<String, SortedSet<String>> projectIdsByName(String company, Collection<String> names) {
        Map<String, SortedSet<String>> byName = new HashMap<>();
        if (names.isEmpty()) {
            return byName;
        }
        ObjectNode query = ApiJson.object().put("search_hidden", true);
        ArrayNode nameList = query.putArray("name");
        new LinkedHashSet<>(names).forEach(nameList::add);
        query.putArray("only_fields").add("id").add("name");
        client.entities("projects.get_all_ex", query, PAGE).forEachRemaining(project -> byName
                .computeIfAbsent(project.path("name").asText(), name -> new TreeSet<>())
                .add(project.path("id").asText()));
        return byName;
    }

    @Override
    public ExistingUsers users() {
        Set<String> users = new HashSet<>();
        JsonNode answer = client.call("users.get_all_ex", ApiJson.object());
        answer.path("users").forEach(user -> users.add(user.path("id").asText()));
        // The API shows no e-mails (they live in the auth database), so no user is matched by one.
        return new ExistingUsers(users, Map.of());
    }

    @Override
    public boolean backendUserExists(String id) {
        ApiResponse answer = client.send(ApiRequest.json("users.get_by_id", ApiJson.object().put("user", id)));
        return answer.resultCode() == 200;
    }

    private static EntityKind kindOf(String collection) {
        return switch (collection) {
            case Collections.PROJECT -> EntityKind.PROJECT;
            case Collections.MODEL -> EntityKind.MODEL;
            default -> EntityKind.TASK;
        };
    }
}
