package clearml.migrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** What the client reads from the JWT that auth.login hands out (the server's auth/payload/token.py). */
class LoginTokenTest {

    static String jwt(String claims) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    @Test
    void readsTheIdentityAndTheExpiry() {
        LoginToken token = LoginToken.of(jwt("{\"identity\": {\"user\": \"u1\", \"company\": \"c1\", \"role\": "
                + "\"admin\", \"user_name\": \"services_agent\", \"company_name\": \"clearml\"}, "
                + "\"exp\": 1893456000, \"iat\": 1893452400, \"env\": \"<unknown>\"}"));

        assertThat(token.identity()).isEqualTo(new ApiIdentity("u1", "services_agent", "c1", "clearml", "admin"));
        assertThat(token.expires()).isEqualTo(Instant.ofEpochSecond(1893456000));
        assertThat(token.expiresBefore(Instant.ofEpochSecond(1893455999))).isFalse();
        assertThat(token.expiresBefore(Instant.ofEpochSecond(1893456000))).isTrue();
    }

    @Test
    void aSystemTokenWithoutExpiryNeverExpires() {
        LoginToken token = LoginToken.of(jwt("{\"identity\": {\"user\": \"__apiserver__\", \"role\": \"system\"}}"));

        assertThat(token.expires()).isNull();
        assertThat(token.expiresBefore(Instant.MAX)).isFalse();
        assertThat(token.identity().role()).isEqualTo("system");
    }

    @Test
    void anOpaqueTokenIsUsedAsItIsWithNothingKnownAboutIt() {
        LoginToken token = LoginToken.of("not-a-jwt");

        assertThat(token.value()).isEqualTo("not-a-jwt");
        assertThat(token.identity()).isEqualTo(ApiIdentity.UNKNOWN);
        assertThat(token.expires()).isNull();
        assertThat(LoginToken.of("a.%%%.c").identity()).isEqualTo(ApiIdentity.UNKNOWN);
    }

    @Test
    void keepsTheTokenOutOfToString() {
        String value = jwt("{\"identity\": {\"user\": \"u1\"}}");

        assertThat(LoginToken.of(value).toString()).doesNotContain(value);
    }
}
