package clearml.migrate.secured;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.testing.CliRun;
import clearml.migrate.secured.TestCertificates.Server;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import clearml.sandbox.seed.SeedReport;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code ping} against a source whose MongoDB and search engine are reached over TLS only, through loopback
 * proxies with a test CA's certificates: the private CA is trusted, every refused certificate gets one line naming
 * the host and the flag that helps (exit 3), and {@code --*-insecure} skips the checks with a warning.
 */
@ExtendWith(SandboxExtension.class)
class TlsStoresCommandTest {

    private static final TestCertificates CERTIFICATES = TestCertificates.get();
    private static SeedReport seeded;

    @TempDir
    Path dir;

    @BeforeAll
    static void seed(Sandbox source) {
        source.reset();
        seeded = new Seeder().seed(source, SeedSize.small());
    }

    @Test
    void pingReachesBothStoresOverTlsTrustingThePrivateCa(Sandbox source) throws IOException {
        try (TlsMongoProxy mongo = new TlsMongoProxy(source.mongoUri(), Server.TRUSTED);
                TlsEngineProxy engine = new TlsEngineProxy(source.elasticUri(), Server.TRUSTED)) {
            String ca = CERTIFICATES.caPem().toString();

            CliRun json = CliRun.run("ping", "--mongo-host", mongo.mongoUri(), "--mongo-ca-cert", ca,
                    "--elastic-host", engine.uri().toString(), "--elastic-ca-cert", ca, "--json");
            CliRun text = CliRun.run("ping", "--mongo-host", mongo.mongoUri(), "--mongo-ca-cert", ca,
                    "--elastic-host", engine.uri().toString(), "--elastic-ca-cert", ca);

            assertThat(json.exitCode()).as(json.output()).isZero();
            JsonNode report = new ObjectMapper().readTree(json.out());
            assertThat(report.path("companies").findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(
                    seeded.companies());
            assertThat(report.path("eventIndices")).hasSize(seeded.eventsByIndex().size());
            assertThat(report.path("mongoConnection").path("tls").asBoolean()).isTrue();
            assertThat(report.path("mongoConnection").path("trust").asText()).isEqualTo("the CAs in " + ca);
            assertThat(report.path("engineConnection").path("tls").asBoolean()).isTrue();
            assertThat(report.path("engineConnection").path("authentication").asText()).isEqualTo("no authentication");
            assertThat(text.exitCode()).as(text.output()).isZero();
            assertThat(text.out()).contains("  connection      TLS (the CAs in " + ca + "), no authentication");
            assertThat(text.err()).isEmpty();
        }
    }

    @Test
    void exportImportAndVerifyRunWithBothStoresOfBothServersOverTls(Sandbox source, @TargetServer Sandbox target)
            throws IOException {
        target.reset();
        FreshServer.initialize(target.mongoUri(), FreshServer.TARGET_COMPANY, "target");
        String ca = CERTIFICATES.caPem().toString();
        try (TlsMongoProxy sourceMongo = new TlsMongoProxy(source.mongoUri(), Server.TRUSTED);
                TlsEngineProxy sourceEngine = new TlsEngineProxy(source.elasticUri(), Server.TRUSTED);
                TlsMongoProxy targetMongo = new TlsMongoProxy(target.mongoUri(), Server.TRUSTED);
                TlsEngineProxy targetEngine = new TlsEngineProxy(target.elasticUri(), Server.TRUSTED)) {
            String[] onSource = {"--mongo-host", sourceMongo.mongoUri(), "--mongo-ca-cert", ca,
                    "--elastic-host", sourceEngine.uri().toString(), "--elastic-ca-cert", ca, "--no-progress"};
            String[] onTarget = {"--mongo-host", targetMongo.mongoUri(), "--mongo-ca-cert", ca,
                    "--elastic-host", targetEngine.uri().toString(), "--elastic-ca-cert", ca, "--no-progress"};

            CliRun export = CliRun.run(with(onSource, "export", "--all", "--company", seeded.companies().get(0),
                    "--output", dir.resolve("tls.zip").toString()));
            String archive = single(dir).toString();
            CliRun imported = CliRun.run(with(onTarget, "import", archive, "--company", FreshServer.TARGET_COMPANY));
            CliRun verify = CliRun.run(with(onTarget, "verify", archive, "--company", FreshServer.TARGET_COMPANY));

            assertThat(List.of(export, imported, verify)).allSatisfy(run ->
                    assertThat(run.exitCode()).as(run.output()).isZero());
            assertThat(tasksIn(target.mongoUri())).as("tasks imported over TLS").isPositive();
        }
    }

    @Test
    void pingOverPlainConnectionsSaysSo(Sandbox source) throws IOException {
        CliRun run = CliRun.run("ping", "--mongo-host", source.mongoUri(), "--elastic-host", source.elasticUri().toString(),
                "--json");

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.path("mongoConnection").path("tls").asBoolean(true)).isFalse();
        assertThat(report.path("engineConnection").path("tls").asBoolean(true)).isFalse();
        assertThat(report.path("engineConnection").path("trust").isNull()).isTrue();
    }

    @Test
    void aMongodbCertificateOfAnotherCaFailsInOneLineNamingTheHostAndTheFlag(Sandbox source) throws IOException {
        try (TlsMongoProxy mongo = new TlsMongoProxy(source.mongoUri(), Server.TRUSTED)) {
            CliRun run = CliRun.run("ping", "--mongo-host", mongo.mongoUri(), "--mongo-ca-cert",
                    CERTIFICATES.otherCaPem().toString(), "--elastic-host", source.elasticUri().toString());

            assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
            assertThat(run.oneErrorLine()).isEqualTo("clearml-migrate: MongoDB: the certificate of "
                    + mongo.mongoUri().substring("mongodb://".length()) + " is not signed by a CA in --mongo-ca-cert "
                    + CERTIFICATES.otherCaPem() + " (PKIX path building failed); give the CA that signed it, or "
                    + "--mongo-insecure to skip the check");
        }
    }

    @Test
    void tlsAskedForInTheMongodbUriTrustsTheJdkCasOrTheGivenOnes(Sandbox source) throws IOException {
        try (TlsMongoProxy mongo = new TlsMongoProxy(source.mongoUri(), Server.TRUSTED)) {
            String uri = mongo.mongoUri() + "/?tls=true";

            CliRun jdk = CliRun.run("ping", "--mongo-host", uri, "--elastic-host", source.elasticUri().toString());
            CliRun ca = CliRun.run("ping", "--mongo-host", uri, "--mongo-ca-cert", CERTIFICATES.caPem().toString(),
                    "--elastic-host", source.elasticUri().toString());

            assertThat(jdk.exitCode()).as(jdk.output()).isEqualTo(3);
            assertThat(jdk.oneErrorLine()).contains(": the certificate of 127.0.0.1:").contains(" is not signed by a "
                    + "CA the JDK trusts (PKIX path building failed); give the CA that signed it with --mongo-ca-cert");
            assertThat(ca.exitCode()).as(ca.output()).isZero();
        }
    }

    @Test
    void insecureSkipsEveryCheckOfBothStoresAndWarnsOfIt(Sandbox source) throws IOException {
        try (TlsMongoProxy mongo = new TlsMongoProxy(source.mongoUri(), Server.OTHER_NAME);
                TlsEngineProxy engine = new TlsEngineProxy(source.elasticUri(), Server.EXPIRED)) {
            CliRun run = CliRun.run("ping", "--mongo-host", mongo.mongoUri(), "--mongo-insecure",
                    "--elastic-host", engine.uri().toString(), "--elastic-insecure", "--json");

            assertThat(run.exitCode()).as(run.output()).isZero();
            JsonNode report = new ObjectMapper().readTree(run.out());
            assertThat(report.path("mongoConnection").path("trust").asText()).isEqualTo("no certificate checks");
            assertThat(report.path("engineConnection").path("trust").asText()).isEqualTo("no certificate checks");
            assertThat(report.path("companies").findValuesAsText("id")).hasSameSizeAs(seeded.companies());
            assertThat(run.err().lines()).containsExactly(
                    "clearml-migrate: warning: --mongo-insecure: the certificates and host names of the MongoDB "
                            + "server are not checked; anyone on the way can read and change the traffic, "
                            + "credentials included",
                    "clearml-migrate: warning: --elastic-insecure: the certificates and host names of the "
                            + "Elasticsearch hosts are not checked; anyone on the way can read and change the "
                            + "traffic, credentials included");
        }
    }

    @Test
    void plainHttpToAnHttpsPortFailsAtOnceSayingToWriteHttps(Sandbox source) throws IOException {
        try (TlsEngineProxy engine = new TlsEngineProxy(source.elasticUri(), Server.TRUSTED)) {
            String plain = "http://" + engine.uri().getAuthority();

            CliRun run = CliRun.run("ping", "--mongo-host", source.mongoUri(), "--elastic-host", plain);

            assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
            assertThat(run.oneErrorLine()).startsWith("clearml-migrate: Elasticsearch at " + plain + " closed the "
                    + "connection without answering GET / — if it serves https (Elasticsearch 8 does by default), "
                    + "write " + engine.uri() + " and give --elastic-ca-cert");
        }
    }

    private static String[] with(String[] connection, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(connection));
        return all.toArray(String[]::new);
    }

    private static Path single(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
        }
    }

    private static long tasksIn(String mongoUri) {
        try (MongoClient mongo = MongoClients.create(mongoUri)) {
            return mongo.getDatabase("backend").getCollection("task").countDocuments();
        }
    }

    /** Each way a search engine's certificate can be refused, with the line that says what to do. */
    @ParameterizedTest
    @EnumSource(Refusal.class)
    void aRefusedEngineCertificateFailsInOneLineNamingTheHostAndTheFlag(Refusal refusal, Sandbox source)
            throws IOException {
        try (TlsEngineProxy engine = new TlsEngineProxy(source.elasticUri(), refusal.server)) {
            List<String> args = new ArrayList<>(List.of("ping", "--mongo-host", source.mongoUri(),
                    "--elastic-host", engine.uri().toString()));
            if (refusal.ca != null) {
                args.addAll(List.of("--elastic-ca-cert", refusal.ca.toString()));
            }

            CliRun run = CliRun.run(args.toArray(String[]::new));

            assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
            assertThat(run.oneErrorLine()).matches(Pattern.quote("clearml-migrate: Elasticsearch: the certificate of "
                    + engine.uri()) + refusal.line);
        }
    }

    enum Refusal {
        OTHER_CA(Server.TRUSTED, CERTIFICATES.otherCaPem(), Pattern.quote(" is not signed by a CA in "
                + "--elastic-ca-cert " + CERTIFICATES.otherCaPem() + " (PKIX path building failed); give the CA that "
                + "signed it, or --elastic-insecure to skip the check")),
        JDK_DEFAULTS(Server.TRUSTED, null, Pattern.quote(" is not signed by a CA the JDK trusts (PKIX path building "
                + "failed); give the CA that signed it with --elastic-ca-cert FILE.pem, or --elastic-insecure to skip "
                + "the check")),
        EXPIRED(Server.EXPIRED, CERTIFICATES.caPem(), Pattern.quote(" has expired or is not valid yet (NotAfter: ")
                + "[^)]+" + Pattern.quote("); renew it on the server, or give --elastic-insecure to skip the check")),
        OTHER_NAME(Server.OTHER_NAME, CERTIFICATES.caPem(), Pattern.quote(" does not name the host it was reached by "
                + "(No subject alternative names matching IP address 127.0.0.1 found); connect by a host name the "
                + "certificate holds, or give --elastic-insecure to skip the check"));

        final Server server;
        final @Nullable Path ca;
        /** What the line says after the host, as a regular expression. */
        final String line;

        Refusal(Server server, @Nullable Path ca, String line) {
            this.server = server;
            this.ca = ca;
            this.line = line;
        }
    }
}
