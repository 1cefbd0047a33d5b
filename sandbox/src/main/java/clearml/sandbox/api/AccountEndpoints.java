package clearml.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import java.util.List;
import org.bson.Document;

/**
 * {@code debug.ping}, {@code server.info}, {@code auth.login}, {@code auth.fixed_users_mode} and the users service
 * ({@code services/auth.py}, {@code users.py}, {@code server/__init__.py}); the user-making and token-for-user
 * endpoints exist but answer 403 to every role the stand-in hands out, as they do to an admin on the real server.
 */
final class AccountEndpoints {

    /** ClearML server's version as {@code server.info} reports it. */
    static final String SERVER_VERSION = "2.0.0";
    private static final List<String> SYSTEM_ROLES = List.of("system", "root");

    private final Store store;
    private final Listing listing;
    private final Authenticator authenticator;

    AccountEndpoints(Store store, Listing listing, Authenticator authenticator) {
        this.store = store;
        this.listing = listing;
        this.authenticator = authenticator;
    }

    void register(EndpointTable table) {
        table.open("debug.ping", call -> Json.object().put("msg", "ClearML server"));
        table.open("auth.fixed_users_mode", call -> fixedUsersMode());
        table.add("server.info", "2.12", call -> serverInfo());
        table.add("auth.login", "2.1", this::login);
        table.restricted("auth.create_user", SYSTEM_ROLES, call -> Json.object());
        table.restricted("auth.get_token_for_user", SYSTEM_ROLES, call -> Json.object());
        table.restricted("auth.validate_token", SYSTEM_ROLES, call -> Json.object());
        table.restricted("users.create", SYSTEM_ROLES, call -> Json.object());
        table.add("users.get_current_user", this::currentUser);
        table.add("users.get_by_id", this::userById);
        table.add("users.get_all", this::allUsers);
        table.add("users.get_all_ex", this::allUsers);
    }

    private static JsonNode fixedUsersMode() {
        ObjectNode answer = Json.object().put("enabled", false);
        answer.putObject("guest").put("enabled", false);
        answer.putObject("server_errors");
        return answer;
    }

    /** {@code server.info} since 2.12: versions and the server's uuid ({@code backend.settings}). */
    private JsonNode serverInfo() {
        Document uuid = store.settings().find(Filters.eq("_id", "server.uuid")).first();
        return Json.object().put("version", SERVER_VERSION).put("build", "stand-in").put("commit", "")
                .put("uid", uuid == null ? null : uuid.getString("value")).put("api_version", ApiRouter.MAX_VERSION);
    }

    private JsonNode login(ApiCall call) {
        String token = authenticator.issue(call.identity(), call.integer("expiration_sec"));
        call.sessionToken(token);
        return Json.object().put("token", token);
    }

    /** The caller's backend user with its company's name; an admin key's user has none (400/300). */
    private JsonNode currentUser(ApiCall call) {
        Document user = store.users().find(Filters.and(Filters.eq("_id", call.user()),
                Filters.eq("company", call.company()))).first();
        if (user == null) {
            throw ApiError.INVALID_USER.withExtra("failed loading user");
        }
        ObjectNode api = ApiDocuments.toApi(user);
        api.remove("preferences");
        api.putObject("company").put("id", call.company()).put("name", call.identity().companyName());
        api.put("role", call.identity().role());
        ObjectNode answer = Json.object();
        answer.set("user", api);
        answer.putNull("getting_started");
        return answer;
    }

    private JsonNode userById(ApiCall call) {
        String id = call.required("user");
        Document user = store.users().find(Filters.and(Filters.eq("_id", id), Filters.eq("company", call.company())))
                .first();
        if (user == null) {
            throw ApiError.INVALID_USER_ID.with("id", id, "company", call.company());
        }
        ObjectNode answer = Json.object();
        answer.set("user", ApiDocuments.toApi(user));
        return answer;
    }

    private JsonNode allUsers(ApiCall call) {
        Listing.Page page = listing.list(store.users(), call.data(), Filters.eq("company", call.company()),
                ListOptions.USERS);
        ObjectNode answer = Json.object();
        answer.set("users", ApiDocuments.toApi(page.documents(), ApiDocuments::toApi));
        return answer;
    }
}
