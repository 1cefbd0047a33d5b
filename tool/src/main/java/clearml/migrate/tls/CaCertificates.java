package clearml.migrate.tls;

import clearml.migrate.failures.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/** Reads the CA certificates of a PEM file (one or more {@code BEGIN CERTIFICATE} blocks). */
final class CaCertificates {

    private CaCertificates() {
    }

    /**
     * The certificates in {@code file}, in file order.
     *
     * @throws UsageException naming the file and {@code flag} when it cannot be read or holds no certificate
     */
    static List<X509Certificate> read(Path file, String flag) {
        List<X509Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (IOException e) {
            throw new UsageException("cannot read " + flag + " " + file + " (" + e.getClass().getSimpleName()
                    + "); check the path and its permissions", e);
        } catch (CertificateException e) {
            throw new UsageException(flag + " " + file + " is not a PEM file of certificates; give the CA "
                    + "certificate that signed the server's, e.g. Elasticsearch 8's config/certs/http_ca.crt", e);
        }
        if (certificates.isEmpty()) {
            throw new UsageException(flag + " " + file + " holds no certificate; give the CA certificate that "
                    + "signed the server's, e.g. Elasticsearch 8's config/certs/http_ca.crt");
        }
        return certificates;
    }
}
