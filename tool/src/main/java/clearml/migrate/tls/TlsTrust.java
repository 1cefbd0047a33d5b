package clearml.migrate.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Which certificates a store's client trusts over TLS: the JDK's own CAs (the default), exactly the CAs of a PEM
 * file the user names (not the JDK's as well, like {@code curl --cacert}: a private CA is the trust anchor the user
 * chose, and a public CA should not be able to stand in for it), or none at all, host names unchecked too.
 *
 * @param kind which of the three
 * @param caFile the PEM file the authorities came from, for {@link Kind#PRIVATE_CA}
 * @param authorities the trusted CA certificates, for {@link Kind#PRIVATE_CA}
 */
public record TlsTrust(Kind kind, @Nullable Path caFile, List<X509Certificate> authorities) {

    /** The three ways of checking a certificate. */
    public enum Kind {
        /** The JDK's default trust store ({@code cacerts}). */
        SYSTEM,
        /** The CAs of a PEM file, and only those. */
        PRIVATE_CA,
        /** No check of the certificate chain nor of the host name. */
        NONE
    }

    /** The JDK's default CAs. */
    public static final TlsTrust SYSTEM = new TlsTrust(Kind.SYSTEM, null, List.of());

    /** No checks at all. */
    public static final TlsTrust INSECURE = new TlsTrust(Kind.NONE, null, List.of());

    public TlsTrust {
        authorities = List.copyOf(authorities);
    }

    /**
     * Exactly the CAs of a PEM file.
     *
     * @throws clearml.migrate.failures.UsageException naming the file and {@code flag} when it cannot be read or
     *     holds no certificate
     */
    public static TlsTrust fromPem(Path file, String flag) {
        return new TlsTrust(Kind.PRIVATE_CA, file, CaCertificates.read(file, flag));
    }

    /** Whether this is anything but the JDK's defaults, so that TLS is meant even where a URI does not say so. */
    public boolean isCustom() {
        return kind != Kind.SYSTEM;
    }

    /** Whether host names are checked against the certificate. */
    public boolean checksHostNames() {
        return kind != Kind.NONE;
    }

    /** An SSL context that trusts what this says. */
    public SSLContext sslContext() {
        try {
            return switch (kind) {
                case SYSTEM -> SSLContext.getDefault();
                case PRIVATE_CA -> context(privateCaManagers());
                case NONE -> context(new TrustManager[] {new TrustingAll()});
            };
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("This JDK cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** What is trusted, as {@code ping} reports it. */
    public String describe() {
        return switch (kind) {
            case SYSTEM -> "the JDK's CAs";
            case PRIVATE_CA -> "the CAs in " + caFile;
            case NONE -> "no certificate checks";
        };
    }

    private TrustManager[] privateCaManagers() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        for (int i = 0; i < authorities.size(); i++) {
            store.setCertificateEntry("ca-" + i, authorities.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private static SSLContext context(TrustManager[] managers) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, managers, null);
        return context;
    }

    @Override
    public String toString() {
        return "TlsTrust[" + describe() + "]";
    }

    /**
     * Accepts every certificate. An extended trust manager, because the JDK checks host names only inside one
     * (or in the wrapper it puts around a plain one), so this one skips that check as well.
     */
    private static final class TrustingAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
