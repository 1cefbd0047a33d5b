package clearml.migrate.tls;

import org.jspecify.annotations.Nullable;

/**
 * How a store was reached, as {@code ping} reports it; never holds a secret.
 *
 * @param tls whether the connection is encrypted
 * @param trust what the certificate was checked against ({@link TlsTrust#describe()}), or null without TLS
 * @param authentication how the client logged in, e.g. {@code user 'elastic' (basic)}, {@code none}
 */
public record ConnectionSecurity(boolean tls, @Nullable String trust, String authentication) {

    /** One line for people: {@code TLS (the CAs in ca.pem), API key 'x'} or {@code no TLS, no authentication}. */
    public String describe() {
        return (tls ? "TLS (" + trust + ")" : "no TLS") + ", " + authentication;
    }
}
