package clearml.migrate.ping;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiIdentity;
import clearml.migrate.api.ApiJson;
import clearml.migrate.api.ApiRequest;
import clearml.migrate.api.ApiResponse;
import clearml.migrate.api.ApiSettings;
import clearml.migrate.ping.ApiPingReport.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * Asks a ClearML server through its API what it is ({@code server.info}), who the caller is (the login token and
 * {@code users.get_current_user}) and so what the caller may do; changes nothing.
 */
public final class ApiPinger {

    private final ApiClient client;

    public ApiPinger(ApiClient client) {
        this.client = client;
    }

    /**
     * @throws clearml.migrate.failures.MigrateException when the server is unreachable, refuses the keys, or is
     *     not a ClearML API server
     */
    public ApiPingReport run() {
        JsonNode info = client.call("server.info", ApiJson.object());
        Caller caller = caller(client.identity());
        ApiSettings settings = client.settings();
        return new ApiPingReport(client.host().toString(),
                settings.filesHost() == null ? null : settings.filesHost().toString(),
                info.path("version").asText("unknown"),
                text(info, "build"), text(info, "api_version"), settings.credentials().accessKey(),
                settings.credentials().source(), caller, RoleAllowances.of(caller.role(), caller.companyName()));
    }

    /**
     * The token's identity, completed by the user document; a configured admin key has none (clearml-rest-api.md).
     * The role is the token's first: it is what the server checks.
     */
    private Caller caller(ApiIdentity token) {
        ApiResponse current = client.send(ApiRequest.json("users.get_current_user", ApiJson.object()));
        JsonNode user = current.isSuccess() ? current.data().path("user") : ApiJson.object();
        JsonNode company = user.path("company");
        return new Caller(either(text(user, "id"), token.userId()), either(text(user, "name"), token.userName()),
                either(company.isObject() ? text(company, "id") : text(user, "company"), token.companyId()),
                either(text(company, "name"), token.companyName()), either(token.role(), text(user, "role")),
                current.isSuccess() && user.isObject());
    }

    private static @Nullable String either(@Nullable String first, @Nullable String second) {
        return first != null ? first : second;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
