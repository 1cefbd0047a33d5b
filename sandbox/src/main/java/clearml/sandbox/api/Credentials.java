package clearml.sandbox.api;

/**
 * An access key and secret key as {@code auth.login} takes them (Basic {@code key:secret}); {@link #toString()}
 * never shows the secret.
 */
public record Credentials(String accessKey, String secretKey) {

    @Override
    public String toString() {
        return "Credentials[accessKey=" + accessKey + ", secretKey=***]";
    }
}
