package clearml.migrate.tls;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.secured.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading CA files: a bundle of several certificates, with the comments bundles carry, trusts each of them. */
class TlsTrustTest {

    @TempDir
    Path dir;

    @Test
    void aBundleWithCommentsGivesEveryCertificateInFileOrder() throws IOException {
        TestCertificates certificates = TestCertificates.get();
        Path bundle = Files.writeString(dir.resolve("bundle.pem"), "# Issuer: CN=clearml-migrate test CA\n"
                + Files.readString(certificates.caPem()) + "\n# Issuer: CN=another test CA\n"
                + Files.readString(certificates.otherCaPem()));

        TlsTrust trust = TlsTrust.fromPem(bundle, "--elastic-ca-cert");

        assertThat(trust.authorities()).extracting(X509Certificate::getSubjectX500Principal)
                .extracting(Object::toString)
                .containsExactly("CN=clearml-migrate test CA", "CN=another test CA");
        assertThat(trust.describe()).isEqualTo("the CAs in " + bundle);
        assertThat(trust.sslContext().getProtocol()).isEqualTo("TLS");
    }

    @Test
    void onlyTheDefaultTrustLeavesTlsToTheUri() {
        assertThat(TlsTrust.SYSTEM.isCustom()).isFalse();
        assertThat(TlsTrust.INSECURE.isCustom()).isTrue();
        assertThat(TlsTrust.INSECURE.checksHostNames()).isFalse();
    }
}
