package clearml.migrate.secured;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.cli.Environment;
import clearml.migrate.testing.CliRun;
import clearml.migrate.hardening.ProducedTexts;
import clearml.migrate.secured.TestCertificates.Server;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.SearchEngine;
import clearml.sandbox.junit.SearchEngineTest;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import clearml.sandbox.seed.SeedReport;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole migration (ping, export, import, verify) against a search engine that takes only https with a private CA
 * and an API key, as a default Elasticsearch 8 install does, run on OpenSearch 2.19 and Elasticsearch 7.17 behind
 * a TLS proxy that checks the key (401 without it, as Elasticsearch answers). MongoDB stays plain here; its TLS is
 * {@link TlsStoresCommandTest}'s. The key never reaches the output, the archive or the undo journal.
 */
@ExtendWith(SandboxExtension.class)
class ApiKeyEngineTest {

    private static final String KEY_ID = "VuaCfGcBCdbkQm-e5aOx";
    private static final String KEY_SECRET = "ui2lp2axTNmsyakw9tvNnw";
    private static final String ENCODED = Base64.getEncoder()
            .encodeToString((KEY_ID + ":" + KEY_SECRET).getBytes(StandardCharsets.UTF_8));
    private static final String COMPANY = FreshServer.TARGET_COMPANY;

    @TempDir
    Path dir;

    @SearchEngineTest
    void aMigrationRunsOverHttpsWithTheCaAndAnApiKey(SearchEngine engine, Sandbox source, @TargetServer Sandbox target)
            throws Exception {
        SeedReport seed = seed(engine, source, target);
        Path keyFile = Files.writeString(dir.resolve("api-key"), KEY_ID + ":" + KEY_SECRET + "\n");
        Path out = Files.createDirectories(dir.resolve("out"));
        try (TlsEngineProxy secured = new TlsEngineProxy(engine.uri(), Server.TRUSTED, Set.of("ApiKey " + ENCODED))) {
            List<String> onEngine = List.of("--elastic-host", secured.uri().toString(), "--elastic-ca-cert",
                    TestCertificates.get().caPem().toString());
            Environment keyInVariable = Environment.of(Map.of("CLEARML_MIGRATE_ELASTIC_API_KEY", ENCODED));
            Map<String, CliRun> runs = new LinkedHashMap<>();

            runs.put("ping", run(Environment.of(Map.of()), onEngine, "ping", "--json", "--mongo-host",
                    source.mongoUri(), "--elastic-api-key-file", keyFile.toString()));
            runs.put("export", run(keyInVariable, onEngine, "export", "--all", "--company", seed.companies().get(0),
                    "--output", out.resolve("migration.zip").toString(), "--no-progress", "--json", "--mongo-host",
                    source.mongoUri()));
            Path archive = single(out);
            runs.put("import", run(keyInVariable, onEngine, "import", archive.toString(), "--company", COMPANY,
                    "--no-progress", "--json", "--mongo-host", target.mongoUri()));
            runs.put("verify", run(keyInVariable, onEngine, "verify", archive.toString(), "--company", COMPANY,
                    "--no-progress", "--mongo-host", target.mongoUri()));

            runs.forEach((name, run) -> assertThat(run.exitCode()).as(name + ": " + run.output()).isZero());
            JsonNode ping = new ObjectMapper().readTree(runs.get("ping").out());
            assertThat(ping.path("engineConnection").path("authentication").asText())
                    .isEqualTo("API key '" + KEY_ID + "' (ApiKey)");
            assertThat(ping.path("engine").path("distribution").asText())
                    .isEqualTo(engine.name().startsWith("opensearch") ? "opensearch" : "elasticsearch");
            assertThat(runs.get("verify").out()).as("events compared too").containsIgnoringCase("event");
            assertThat(secured.authorizationsSeen()).as("every request carried the key")
                    .containsExactly("ApiKey " + ENCODED);
            Map<String, String> produced = ProducedTexts.under(out);
            runs.forEach((name, run) -> produced.put(name + " stdout+stderr", run.output()));
            assertThat(produced.keySet()).anyMatch(name -> name.contains(".undo")).anyMatch(name -> name.contains("!"));
            produced.forEach((where, text) -> assertThat(text).as(where).doesNotContain(KEY_SECRET, ENCODED));
        }
    }

    @Test
    void aWrongOrMissingApiKeyGetsTheAccessDeniedLineWithoutTheKey(Sandbox source) throws IOException {
        source.reset();
        FreshServer.initialize(source.mongoUri(), COMPANY, "source");
        try (TlsEngineProxy secured = new TlsEngineProxy(source.elasticUri(), Server.TRUSTED,
                Set.of("ApiKey " + ENCODED))) {
            List<String> onEngine = List.of("--mongo-host", source.mongoUri(), "--elastic-host",
                    secured.uri().toString(), "--elastic-ca-cert", TestCertificates.get().caPem().toString());
            String wrongSecret = "Wrong-Secret-77";

            CliRun wrong = run(Environment.of(Map.of("CLEARML_MIGRATE_ELASTIC_API_KEY", KEY_ID + ":" + wrongSecret)),
                    onEngine, "ping");
            CliRun missing = run(Environment.of(Map.of()), onEngine, "ping");

            assertThat(wrong.exitCode()).isEqualTo(3);
            assertThat(wrong.oneErrorLine()).isEqualTo("clearml-migrate: Elasticsearch at " + secured.uri()
                    + " refused the API key '" + KEY_ID + "' (HTTP 401) — check --elastic-api-key: it may have "
                    + "expired, been invalidated, or belong to another cluster");
            assertThat(wrong.output()).doesNotContain(wrongSecret);
            assertThat(missing.exitCode()).isEqualTo(3);
            assertThat(missing.oneErrorLine()).isEqualTo("clearml-migrate: Elasticsearch at " + secured.uri()
                    + " requires a login (HTTP 401) — give --elastic-user and a password, or --elastic-api-key");
        }
    }

    private static CliRun run(Environment environment, List<String> connection, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(connection);
        return CliRun.exactly(environment, all.toArray(String[]::new)); // the journal beside the archive, searched too
    }

    /** The source's Mongo with the engine under test holding its events; a target that has started once. */
    private static SeedReport seed(SearchEngine engine, Sandbox source, Sandbox target)
            throws IOException, InterruptedException {
        source.reset();
        target.reset();
        FreshServer.initialize(target.mongoUri(), COMPANY, "target");
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(engine.uri().resolve("/events-*")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
        return new Seeder().seed(source.mongoUri(), engine.uri(), source.fileserverDir(), source.fileserverUrl(),
                SeedSize.small());
    }

    private static Path single(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> zips = files.filter(p -> p.toString().endsWith(".zip")).toList();
            assertThat(zips).hasSize(1);
            return zips.get(0);
        }
    }
}
