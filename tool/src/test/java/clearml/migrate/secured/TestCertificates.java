package clearml.migrate.secured;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A test CA, a second CA that signed nothing the servers show, and server certificates signed by the first, all made
 * by the JDK's own {@code keytool} (no certificate is checked in: a stored one would expire) once per test JVM:
 * one for 127.0.0.1, one that expired, one issued for another host name. The servers' SSL contexts serve them.
 */
public final class TestCertificates {

    private static final char[] PASSWORD = "test-only".toCharArray();
    private static volatile TestCertificates made;

    private final Path dir;

    /** The server certificates a TLS proxy can present. */
    public enum Server {
        /** Signed by the test CA for 127.0.0.1 and localhost, valid for 30 days. */
        TRUSTED("san=ip:127.0.0.1,dns:localhost", "-validity", "30"),
        /** Signed by the test CA for 127.0.0.1, valid for a day ten days ago. */
        EXPIRED("san=ip:127.0.0.1,dns:localhost", "-startdate", "-10d", "-validity", "1"),
        /** Signed by the test CA for another host name only. */
        OTHER_NAME("san=dns:elsewhere.invalid", "-validity", "30");

        private final List<String> options;

        Server(String san, String... validity) {
            this.options = new ArrayList<>(List.of("-ext", san, "-ext", "eku=serverAuth"));
            options.addAll(List.of(validity));
        }
    }

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** The certificates, made on first use. */
    public static TestCertificates get() {
        if (made == null) {
            synchronized (TestCertificates.class) {
                if (made == null) {
                    made = make();
                }
            }
        }
        return made;
    }

    /** The PEM file of the CA that signed the servers' certificates. */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /** The PEM file of a CA that signed none of them. */
    public Path otherCaPem() {
        return dir.resolve("other-ca.pem");
    }

    /** An SSL context that presents {@code server}'s certificate, with the CA's after it. */
    public SSLContext serverContext(Server server) {
        try {
            KeyStore own = load(dir.resolve("server.p12"));
            Key key = own.getKey("server", PASSWORD);
            Certificate[] chain = {certificate(dir.resolve(server.name() + ".pem")), certificate(caPem())};
            KeyStore presented = KeyStore.getInstance("PKCS12");
            presented.load(null, null);
            presented.setKeyEntry("server", key, PASSWORD, chain);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(presented, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestCertificates make() {
        try {
            Path dir = Files.createTempDirectory("clearml-test-ca");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            parallel(List.of(authority(dir, "ca", "clearml-migrate test CA"),
                    authority(dir, "other-ca", "another test CA"),
                    keytool(dir, "-genkeypair", "-keystore", "server.p12", "-alias", "server", "-keyalg", "EC",
                            "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-validity", "30")));
            keytool(dir, "-certreq", "-keystore", "server.p12", "-alias", "server", "-file", "server.csr").run();
            List<Runnable> signatures = new ArrayList<>();
            for (Server server : Server.values()) {
                List<String> args = new ArrayList<>(List.of("-gencert", "-keystore", "ca.p12", "-alias", "ca",
                        "-infile", "server.csr", "-outfile", server.name() + ".pem", "-rfc"));
                args.addAll(server.options);
                signatures.add(keytool(dir, args.toArray(String[]::new)));
            }
            parallel(signatures);
            writePem(dir.resolve("ca.pem"), load(dir.resolve("ca.p12")).getCertificate("ca"));
            writePem(dir.resolve("other-ca.pem"), load(dir.resolve("other-ca.p12")).getCertificate("ca"));
            return new TestCertificates(dir);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the test certificates", e);
        }
    }

    private static Runnable authority(Path dir, String name, String commonName) {
        return keytool(dir, "-genkeypair", "-keystore", name + ".p12", "-alias", "ca", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + commonName, "-ext", "bc:c", "-validity", "30");
    }

    private static Runnable keytool(Path dir, String... args) {
        return () -> {
            // The command comes first, then its options.
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                    .toString(), args[0], "-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-noprompt"));
            command.addAll(List.of(args).subList(1, args.length));
            try {
                Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
    }

    private static void parallel(List<Runnable> steps) {
        List<Thread> threads = steps.stream().map(Thread::new).toList();
        List<Throwable> failures = new ArrayList<>();
        threads.forEach(thread -> thread.setUncaughtExceptionHandler((t, e) -> failures.add(e)));
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.get(0));
        }
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }

    private static Certificate certificate(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static void writePem(Path file, Certificate certificate) throws IOException, GeneralSecurityException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded());
        Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n");
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the system cleans it eventually
        }
    }
}
