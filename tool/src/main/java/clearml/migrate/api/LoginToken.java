package clearml.migrate.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The Bearer token {@code auth.login} handed out, with what its JWT claims say: when it expires and whom it stands
 * for. The claims are read, never verified: the server verifies them, the client only plans its next login.
 *
 * @param value the token, sent as {@code Authorization: Bearer}
 * @param expires the {@code exp} claim, or null when the token does not say
 * @param identity the {@code identity} claim
 */
record LoginToken(String value, @Nullable Instant expires, ApiIdentity identity) {

    static LoginToken of(String value) {
        JsonNode claims = claims(value);
        JsonNode exp = claims.path("exp");
        JsonNode identity = claims.path("identity");
        return new LoginToken(value, exp.isNumber() ? Instant.ofEpochSecond(exp.asLong()) : null, new ApiIdentity(
                text(identity, "user"), text(identity, "user_name"), text(identity, "company"),
                text(identity, "company_name"), text(identity, "role")));
    }

    /** Whether the token says it is no longer valid at {@code moment}. */
    boolean expiresBefore(Instant moment) {
        return expires != null && !expires.isAfter(moment);
    }

    @Override
    public String toString() {
        return "LoginToken[expires=" + expires + ", identity=" + identity + "]";
    }

    private static JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return MissingNode.getInstance();
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(parts[1]);
            JsonNode claims = ApiJson.MAPPER.readTree(new String(json, StandardCharsets.UTF_8));
            return claims == null ? MissingNode.getInstance() : claims;
        } catch (IllegalArgumentException | IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
