package clearml.migrate.events;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * An Elasticsearch API key, sent as {@code Authorization: ApiKey <base64 of id:api_key>}. Users have it in one of
 * the two forms the create-API-key answer gives: {@code id:api_key} (encoded here; base64 has no colon, so the
 * forms cannot be mistaken) or {@code encoded}, sent as given. Never shown by {@link #toString()}.
 */
public final class ElasticApiKey {

    private final String encoded;

    private ElasticApiKey(String encoded) {
        this.encoded = encoded;
    }

    /** The key as the user gave it, either form; surrounding blanks are dropped. */
    public static ElasticApiKey of(String given) {
        String key = given.strip();
        return new ElasticApiKey(key.contains(":")
                ? Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)) : key);
    }

    /** The value of the {@code Authorization} header. */
    String header() {
        return "ApiKey " + encoded;
    }

    /** Every form of the secret a message might echo: the encoded key, and the key part of {@code id:api_key}. */
    String[] secrets() {
        String decoded = decoded();
        int colon = decoded == null ? -1 : decoded.indexOf(':');
        return colon < 0 ? new String[] {encoded} : new String[] {encoded, decoded.substring(colon + 1)};
    }

    /** The key's id (not a secret: Elasticsearch lists it), or null when the key is not {@code id:api_key}. */
    public @Nullable String id() {
        String decoded = decoded();
        int colon = decoded == null ? -1 : decoded.indexOf(':');
        return colon <= 0 ? null : decoded.substring(0, colon);
    }

    private @Nullable String decoded() {
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null; // sent as given all the same: the engine is the judge of its keys
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ElasticApiKey key && key.encoded.equals(encoded);
    }

    @Override
    public int hashCode() {
        return encoded.hashCode();
    }

    @Override
    public String toString() {
        return id() == null ? "ElasticApiKey[***]" : "ElasticApiKey[id=" + id() + "]";
    }
}
