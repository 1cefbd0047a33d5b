package clearml.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 JSON Web Tokens as PyJWT writes and checks them: the apiserver's Bearer tokens (signed with its
 * {@code token_secret}) and the events service's scroll ids (signed with {@code scroll_id_key}).
 */
final class Jwt {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = ENCODER.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final byte[] key;

    Jwt(byte[] key) {
        this.key = key.clone();
    }

    String encode(ObjectNode claims) {
        String signed = HEADER + "." + ENCODER.encodeToString(Json.bytes(claims));
        return signed + "." + ENCODER.encodeToString(sign(signed));
    }

    /**
     * The claims of a token this key signed whose {@code exp} (if any) lies ahead; otherwise an
     * {@link IllegalArgumentException} worded as PyJWT words the failure.
     */
    ObjectNode decode(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not enough segments");
        }
        byte[] expected = sign(parts[0] + "." + parts[1]);
        if (!MessageDigest.isEqual(expected, decodeSegment(parts[2]))) {
            throw new IllegalArgumentException("Signature verification failed");
        }
        JsonNode claims = Json.parseObject(decodeSegment(parts[1]));
        JsonNode exp = claims.path("exp");
        if (exp.isNumber() && exp.asLong() <= System.currentTimeMillis() / 1000) {
            throw new IllegalArgumentException("Signature has expired");
        }
        return (ObjectNode) claims;
    }

    private static byte[] decodeSegment(String segment) {
        try {
            return Base64.getUrlDecoder().decode(segment);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid header padding", e);
        }
    }

    private byte[] sign(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
