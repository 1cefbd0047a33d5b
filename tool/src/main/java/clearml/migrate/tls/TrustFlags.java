package clearml.migrate.tls;

/**
 * The flags a user turns to change how one store's certificates are checked, as failure lines name them.
 *
 * @param caCert the flag that names a PEM file of trusted CAs, e.g. {@code --elastic-ca-cert}
 * @param insecure the flag that skips the checks, e.g. {@code --elastic-insecure}
 */
public record TrustFlags(String caCert, String insecure) {

    /** The flags of the search engine. */
    public static final TrustFlags ELASTIC = new TrustFlags("--elastic-ca-cert", "--elastic-insecure");

    /** The flags of MongoDB. */
    public static final TrustFlags MONGO = new TrustFlags("--mongo-ca-cert", "--mongo-insecure");
}
