package clearml.migrate.apitarget;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiRequest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Calls on behalf of an entity's owner: with an admin's key, as the archived owner through the act-as header
 * when that user exists on the server (issue #15: the API sets owners no other way); otherwise as the caller, and
 * the entity is counted as not owned by its archived owner.
 */
final class Caller {

    private final ApiClient client;
    private final boolean admin;
    private final Set<String> users;
    private long notOwned;

    Caller(ApiClient client, Set<String> serverUsers) {
        this.client = client;
        String role = client.identity().role();
        this.admin = "admin".equals(role) || "root".equals(role) || "system".equals(role);
        this.users = Set.copyOf(serverUsers);
    }

    /** Whether writes for {@code owner} act as that user. */
    boolean actsAs(@Nullable String owner) {
        return admin && owner != null && users.contains(owner);
    }

    /** An idempotent call (an edit, a status change) for {@code owner}. */
    JsonNode call(String endpoint, JsonNode body, @Nullable String owner) {
        return client.call(as(ApiRequest.json(endpoint, body), owner));
    }

    /** A create for {@code owner}: never sent twice (ApiClient), since it could make two entities. */
    JsonNode create(String endpoint, JsonNode body, @Nullable String owner) {
        if (!actsAs(owner)) {
            notOwned++;
        }
        return client.call(as(ApiRequest.create(endpoint, body), owner));
    }

    /** Entities created as the caller although the archive names another owner. */
    long notOwned() {
        return notOwned;
    }

    ApiClient client() {
        return client;
    }

    private ApiRequest as(ApiRequest request, @Nullable String owner) {
        return actsAs(owner) ? request.actingAs(owner) : request;
    }
}
