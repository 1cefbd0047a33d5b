package clearml.migrate.api;

/**
 * A ClearML access key and its secret, as the web UI's "Create new credentials" hands them out. The secret never
 * appears in {@link #toString()} nor in any message: failures name the access key only.
 *
 * @param accessKey the key id, safe to show
 * @param secretKey the secret
 * @param source where the pair was found, as messages name it (a file, the variables)
 */
public record ApiCredentials(String accessKey, String secretKey, String source) {

    @Override
    public String toString() {
        return "ApiCredentials[accessKey=" + accessKey + ", secretKey=***, source=" + source + "]";
    }
}
