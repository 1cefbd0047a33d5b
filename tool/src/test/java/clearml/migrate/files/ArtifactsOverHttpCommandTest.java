package clearml.migrate.files;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.cli.Environment;
import clearml.migrate.cli.MigrateCommandLine;
import clearml.migrate.importing.TargetState;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import --artifacts-to URL}, {@code verify} and {@code export --artifacts-from URL} through the command line
 * against a loopback ClearML-like file server that checks a token, with the genuine rich archive (non-ASCII names,
 * spaces). The token reaches the commands only through the {@link Environment} they are given, never through the
 * process's own variables.
 */
@ExtendWith(SandboxExtension.class)
class ArtifactsOverHttpCommandTest {

    private static final String TOKEN = "tok-9c41-fileserver-secret";
    private static final String OLD_FILES = "http://localhost:8081";
    private static final String COMPANY = FreshServer.TARGET_COMPANY;
    private static final Environment WITH_TOKEN = Environment.of(Map.of(FileServerToken.ENV, TOKEN));

    private final Sandbox target;
    private final Path dir;
    private ClearmlFileServer server;
    private Path archive;

    ArtifactsOverHttpCommandTest(@TargetServer Sandbox target, @TempDir Path dir) {
        this.target = target;
        this.dir = dir;
    }

    @BeforeEach
    void start() throws IOException {
        target.reset();
        FreshServer.initialize(target.mongoUri(), COMPANY, "target");
        archive = copyOfRichFixture(Files.createDirectories(dir.resolve("archive")));
        server = ClearmlFileServer.startWithToken(Files.createDirectories(dir.resolve("fileserver")), TOKEN);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void importPlacesEveryFileOnTheServerAndPointsTheLinksThereAndVerifySaysEqual() throws IOException {
        List<String> flags = List.of("--company", COMPANY, "--artifacts-to", server.url() + "/",
                "--url-map", OLD_FILES + "=" + server.url());

        Run imported = command(WITH_TOKEN, "import", flags);
        Run verified = command(WITH_TOKEN, "verify", flags);

        assertThat(imported.exitCode()).as(imported.output()).isZero();
        Map<String, byte[]> companion = companion();
        assertThat(companion).hasSizeGreaterThan(20);
        companion.forEach((name, bytes) ->
                assertThat(server.root().resolve(name)).as(name).exists().hasBinaryContent(bytes));
        TargetState state = TargetState.of(target.mongoUri(), target.elasticUri(), COMPANY);
        List<String> links = links(state);
        assertThat(links).as("links still naming the old file server").noneMatch(url -> url.startsWith(OLD_FILES));
        assertThat(links).as("links naming the new one").filteredOn(url -> url.startsWith(server.url() + "/"))
                .hasSizeGreaterThan(20);
        List<String> modelUris = state.documents("backend.model").stream().map(m -> m.getString("uri"))
                .filter(uri -> uri.startsWith(server.url())).toList();
        assertThat(modelUris).as("model URIs on the new file server").hasSize(4);
        assertThat(modelUris).allSatisfy(uri -> assertThat(servedFile(uri)).as(uri)
                .hasBinaryContent(companion.get(server.root().relativize(servedFile(uri)).toString())));
        assertThat(verified.exitCode()).as(verified.output()).isZero();
    }

    @Test
    void importAndExportTakeTheFileServerTokenFromTheirEnvironment() throws IOException {
        List<String> importFlags = List.of("--company", COMPANY, "--artifacts-to", server.url(),
                "--url-map", OLD_FILES + "=" + server.url());
        Run refused = command(Environment.of(Map.of()), "import", importFlags);
        Run imported = command(WITH_TOKEN, "import", importFlags);
        List<String> exportFlags = new ArrayList<>(List.of("--all", "--company", COMPANY, "--include-archived",
                "--artifacts-from", server.url(), "--fileserver-url", server.url(),
                "--output", dir.resolve("exported.zip").toString(), "--statuses"));
        exportFlags.addAll(List.of("created", "stopped", "published", "closed", "failed", "completed"));
        Run exportRefused = command(Environment.of(Map.of()), "export", exportFlags);
        Run exported = command(WITH_TOKEN, "export", exportFlags);

        assertThat(List.of(refused, exportRefused)).allSatisfy(run -> {
            assertThat(run.exitCode()).as(run.output()).isEqualTo(3);
            assertThat(run.err()).contains("refused access").doesNotContain(TOKEN);
        });
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        // Exit 1: the genuine archive names files that ClearML's own export left out of its companion too.
        assertThat(exported.exitCode()).as(exported.output()).isEqualTo(1);
        Map<String, byte[]> original = companion();
        assertThat(missingNames(exported.out())).isNotEmpty().allSatisfy(name ->
                assertThat(original).as("a file the original export had").doesNotContainKey(name));
        Map<String, byte[]> collected = entries(exportedCompanion());
        assertThat(collected).isNotEmpty();
        collected.forEach((name, bytes) -> assertThat(bytes).as(name).isEqualTo(original.get(name)));
    }

    private static List<String> missingNames(String report) {
        Matcher missing = Pattern.compile("missing (.+) \\(not on the file server").matcher(report);
        List<String> names = new ArrayList<>();
        while (missing.find()) {
            names.add(missing.group(1));
        }
        return names;
    }

    private Path exportedCompanion() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("exported")
                    && p.getFileName().toString().endsWith(".artifacts")).findFirst().orElseThrow();
        }
    }

    private Run command(Environment environment, String verb, List<String> flags) {
        List<String> args = new ArrayList<>(List.of(verb));
        if (!verb.equals("export")) {
            args.add(archive.toString());
        }
        args.addAll(flags);
        args.addAll(List.of("--no-progress", "--mongo-host", target.mongoUri(),
                "--elastic-host", target.elasticUri().toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MigrateCommandLine.create(new PrintWriter(out), new PrintWriter(err), environment)
                .execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
        String output() {
            return out + err;
        }
    }

    /** The file a URL on the loopback server names: the path after its address, percent-decoded. */
    private Path servedFile(String uri) {
        String path = uri.substring(server.url().length() + 1).replace("+", "%2B");
        return server.root().resolve(URLDecoder.decode(path, StandardCharsets.UTF_8));
    }

    private Map<String, byte[]> companion() throws IOException {
        return entries(archive.resolveSibling(archive.getFileName().toString().replace(".zip", ".artifacts")));
    }

    private static Map<String, byte[]> entries(Path artifacts) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipFile zip = ZipFile.builder().setPath(artifacts).get()) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                if (!entry.isDirectory()) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        files.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
        return files;
    }

    /** The links of three URL places (data model §7.4): model URIs, task artifact URIs, debug-image URLs. */
    private static List<String> links(TargetState state) {
        List<String> links = new ArrayList<>();
        state.documents("backend.model").forEach(model -> links.add(model.getString("uri")));
        for (Document task : state.documents("backend.task")) {
            Document artifacts = task.get("execution", new Document()).get("artifacts", new Document());
            artifacts.values().forEach(artifact -> links.add(((Document) artifact).getString("uri")));
        }
        state.events().values().forEach(event -> links.add(event.source().path("url").asText("")));
        links.removeIf(link -> link == null || link.isEmpty());
        return links;
    }

    private static Path copyOfRichFixture(Path into) throws IOException {
        Path fixtures = Path.of(System.getProperty("clearml.fixtures", "../../shared/fixtures"))
                .resolve("clearml-server-2.0.0-rich");
        Path zip = null;
        try (Stream<Path> files = Files.list(fixtures)) {
            for (Path file : files.toList()) {
                Path copy = Files.copy(file, into.resolve(file.getFileName()));
                zip = copy.toString().endsWith(".zip") ? copy : zip;
            }
        }
        assertThat(zip).as("the rich fixture's archive").isNotNull();
        return zip;
    }
}
