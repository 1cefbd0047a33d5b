package clearml.migrate.tls;

import clearml.migrate.failures.MigrateException;
import clearml.migrate.failures.StoreCertificateException;
import clearml.migrate.failures.StoreUnreachableException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Says in one line why the TLS handshake with a store failed, naming the host and the flag that helps: a
 * certificate signed by no trusted CA, one that expired, one issued for another host name; or a handshake that
 * failed otherwise (a port that does not speak TLS) with a host that never answered. A refused certificate is never
 * retried: waiting does not change it.
 */
public final class TlsFailures {

    private final String store;
    private final TlsTrust trust;
    private final TrustFlags flags;

    /**
     * @param store the store as messages name it, e.g. {@code Elasticsearch}
     * @param trust what the client trusts
     * @param flags the flags that change it
     */
    public TlsFailures(String store, TlsTrust trust, TrustFlags flags) {
        this.store = store;
        this.trust = trust;
        this.flags = flags;
    }

    /**
     * The user-facing failure when {@code failure} is a failed TLS handshake with {@code where}; empty for every
     * other failure, and for a handshake cut short by a host that answered before (a restart, not a setting).
     *
     * @param answeredBefore whether the host answered earlier in this run
     */
    public Optional<MigrateException> explain(Throwable failure, String where, boolean answeredBefore) {
        Optional<SSLException> handshake = find(failure, SSLException.class);
        if (handshake.isEmpty()) {
            return Optional.empty();
        }
        Optional<CertificateException> refused = find(failure, CertificateException.class);
        MigrateException explained;
        if (refused.isPresent()) {
            explained = refused(failure, refused.get(), where);
        } else if (answeredBefore) {
            return Optional.empty();
        } else {
            explained = handshakeFailed(handshake.get(), where);
        }
        // Kept for --debug, not as a cause: the line already says what the JDK's long reason means.
        explained.addSuppressed(failure);
        return Optional.of(explained);
    }

    private StoreCertificateException refused(Throwable failure, CertificateException refused, String where) {
        Optional<CertificateException> outdated = find(failure, CertificateExpiredException.class)
                .<CertificateException>map(e -> e).or(() -> find(failure, CertificateNotYetValidException.class));
        if (outdated.isPresent()) {
            return new StoreCertificateException(certificateOf(where) + " has expired or is not valid yet ("
                    + reason(outdated.get()) + "); renew it on the server, or give " + flags.insecure()
                    + " to skip the check");
        }
        if (find(failure, CertPathBuilderException.class).isEmpty()
                && find(failure, CertPathValidatorException.class).isEmpty()) {
            return new StoreCertificateException(certificateOf(where) + " does not name the host it was reached by ("
                    + reason(refused) + "); connect by a host name the certificate holds, or give "
                    + flags.insecure() + " to skip the check");
        }
        return unsigned(refused, where);
    }

    private StoreCertificateException unsigned(CertificateException refused, String where) {
        // "PKIX path building failed: sun.security...: unable to find ..." says it in its first words.
        String reason = reason(refused).split(": ", 2)[0];
        if (trust.kind() == TlsTrust.Kind.PRIVATE_CA) {
            return new StoreCertificateException(certificateOf(where) + " is not signed by a CA in " + flags.caCert()
                    + " " + trust.caFile() + " (" + reason + "); give the CA that signed it, or " + flags.insecure()
                    + " to skip the check");
        }
        return new StoreCertificateException(certificateOf(where) + " is not signed by a CA the JDK trusts ("
                + reason + "); give the CA that signed it with " + flags.caCert() + " FILE.pem, or "
                + flags.insecure() + " to skip the check");
    }

    private StoreUnreachableException handshakeFailed(SSLException handshake, String where) {
        return new StoreUnreachableException(store + ": the TLS handshake with " + where + " failed ("
                + reason(handshake) + "); check that it serves TLS on that port, and " + flags.caCert());
    }

    private String certificateOf(String where) {
        return store + ": the certificate of " + where;
    }

    private static String reason(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName()
                : message.lines().findFirst().orElse("").strip();
    }

    /** The first of {@code failure} and its causes that is a {@code type}. */
    private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
