package clearml.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Who a call acts for ({@code service_repo/validators.py}, {@code auth/auth.py}): Basic {@code key:secret} checked
 * against {@code auth.user} credentials, Bearer tokens this stand-in signed, the endpoint's roles, and the admin-only
 * {@code X-ClearML-Act-As} / {@code X-ClearML-Impersonate-As} headers, which name an existing user of the caller's
 * company.
 */
final class Authenticator {

    private final Store store;
    private final Jwt tokens;
    private final Duration tokenLifetime;

    Authenticator(Store store, Jwt tokens, Duration tokenLifetime) {
        this.store = store;
        this.tokens = tokens;
        this.tokenLifetime = tokenLifetime;
    }

    /** Sets the call's identity as the endpoint requires, or refuses the call. */
    void authorize(ApiCall call, Endpoint endpoint) {
        String authorization = call.header("authorization");
        if (authorization == null) {
            if (endpoint.authorize()) {
                throw ApiError.NO_CREDENTIALS.with();
            }
            return;
        }
        try {
            call.identity(authenticate(authorization, call));
        } catch (ApiException e) {
            if (endpoint.authorize()) {
                throw e;
            }
            return;
        }
        checkRole(endpoint, call.identity());
        impersonate(call);
    }

    /** A token for {@code identity}, valid for {@code expirationSec} or the default lifetime. */
    String issue(Identity identity, @Nullable Integer expirationSec) {
        long now = System.currentTimeMillis() / 1000;
        long lifetime = expirationSec != null ? expirationSec : tokenLifetime.toSeconds();
        ObjectNode claims = Json.object();
        claims.set("identity", identity.toJson());
        claims.put("env", "<unknown>").put("iat", now).put("exp", now + lifetime);
        return tokens.encode(claims);
    }

    /** Why {@code token} is not a valid Bearer token of this server, or null when it is. */
    @Nullable String rejection(String token) {
        try {
            bearer(token);
            return null;
        } catch (ApiException e) {
            return e.getMessage();
        }
    }

    private Identity authenticate(String authorization, ApiCall call) {
        int space = authorization.indexOf(' ');
        String type = space < 0 ? authorization : authorization.substring(0, space);
        String data = space < 0 ? "" : authorization.substring(space + 1);
        return switch (type) {
            case "Bearer" -> bearer(data);
            case "Basic" -> basic(data, call);
            default -> throw ApiError.BAD_AUTH_TYPE.with();
        };
    }

    private Identity bearer(String token) {
        ObjectNode claims;
        try {
            claims = tokens.decode(token);
        } catch (RuntimeException e) {
            throw ApiError.INVALID_TOKEN.withExtra("invalid jwt token", "reason", e.getMessage());
        }
        JsonNode identity = claims.path("identity");
        if (!identity.isObject()) {
            throw ApiError.INVALID_TOKEN.withExtra("failed parsing token, token missing identity");
        }
        return Identity.fromJson(identity);
    }

    private Identity basic(String encoded, ApiCall call) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            throw ApiError.BAD_CREDENTIALS.withExtra(e.getMessage());
        }
        int colon = decoded.indexOf(':');
        String key = colon < 0 ? decoded : decoded.substring(0, colon);
        String secret = colon < 0 ? "" : decoded.substring(colon + 1);
        Document user = store.authUsers().find(Filters.elemMatch("credentials",
                Filters.and(Filters.eq("key", key), Filters.eq("secret", secret)))).first();
        if (user == null) {
            throw ApiError.INVALID_CREDENTIALS.withExtra("failed to locate provided credentials");
        }
        recordUse(user.getString("_id"), key, call);
        String companyName = companyName(user.getString("company"));
        if (companyName == null) {
            throw ApiError.INVALID_CREDENTIALS.withExtra("invalid user company");
        }
        return new Identity(user.getString("_id"), user.getString("company"), user.getString("role"),
                user.getString("name"), companyName);
    }

    /** As the server does on every Basic call: the credential's {@code last_used} and where from. */
    private void recordUse(String userId, String key, ApiCall call) {
        String worker = call.clearmlHeader("Worker");
        store.authUsers().updateOne(Filters.and(Filters.eq("_id", userId), Filters.eq("credentials.key", key)),
                Updates.combine(Updates.set("credentials.$.last_used", new Date()),
                        Updates.set("credentials.$.last_used_from", worker == null ? "127.0.0.1" : worker)));
    }

    /** An existing auth user of the caller's company (root could reach other companies; no key here is root). */
    private Document colleague(Identity caller, String userId) {
        Document user = store.authUsers().find(Filters.and(Filters.eq("_id", userId),
                Filters.eq("company", caller.company()))).first();
        if (user == null) {
            throw ApiError.IMPERSONATION_ERROR.withExtra("unknown user", "id", userId, "company", caller.company());
        }
        if (companyName(caller.company()) == null) {
            throw ApiError.IMPERSONATION_ERROR.withExtra("unknown company for user", "id", userId,
                    "company", caller.company());
        }
        return user;
    }

    private @Nullable String companyName(String company) {
        Document document = Store.byId(store.companies(), company);
        return document == null ? null : document.getString("name");
    }

    private static void checkRole(Endpoint endpoint, Identity identity) {
        if (!endpoint.roles().isEmpty() && !endpoint.roles().contains(identity.role())) {
            throw ApiError.ROLE_NOT_ALLOWED.with("role", identity.role(), "allowed", endpoint.roles());
        }
    }

    private void impersonate(ApiCall call) {
        String actAs = call.clearmlHeader("Act-As");
        String impersonateAs = call.clearmlHeader("Impersonate-As");
        if (actAs == null && impersonateAs == null) {
            return;
        }
        if (actAs != null && impersonateAs != null) {
            throw ApiError.INVALID_HEADERS.withExtra("only one allowed",
                    "headers", List.of("X-ClearML-Act-As", "X-ClearML-Impersonate-As"));
        }
        Identity caller = call.identity();
        if (!caller.mayImpersonate()) {
            throw ApiError.IMPERSONATION_ERROR.withExtra("impersonation not allowed", "role", caller.role());
        }
        String userId = actAs != null ? actAs : impersonateAs;
        Document user = colleague(caller, userId);
        String companyName = java.util.Objects.requireNonNull(companyName(caller.company()));
        call.identity(actAs != null
                ? new Identity(userId, caller.company(), caller.role(),
                        caller.userName() + " (acting as " + user.getString("name") + ")", companyName)
                : new Identity(userId, caller.company(), user.getString("role"),
                        user.getString("name") + " (impersonated by " + caller.userName() + ")", companyName));
    }
}
