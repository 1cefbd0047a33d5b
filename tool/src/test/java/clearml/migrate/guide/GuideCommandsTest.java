package clearml.migrate.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import clearml.migrate.cli.Environment;
import clearml.migrate.cli.MigrateCommandLine;
import clearml.migrate.secured.TestCertificates;
import clearml.migrate.secured.TlsEngineProxy;
import clearml.migrate.secured.TlsMongoProxy;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import clearml.sandbox.seed.SeedReport;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs every command of the guide's {@code bash} blocks (docs/*.md), in order, against a seeded source sandbox and
 * a freshly started target, so that the guide cannot rot: each must exit 0, or the code its {@code # exits N} says.
 *
 * <p>{@code console} blocks hold what needs a real deployment ({@code docker}, {@code kubectl}, {@code aws}, a
 * compose file): they cannot run here, so they are skipped, but each {@code clearml-migrate} command in them is
 * still parsed, so that a misspelt flag fails.
 */
@ExtendWith(SandboxExtension.class)
class GuideCommandsTest {

    /** The fence languages of blocks that are shown, not run. */
    private static final Set<String> SHOWN_ONLY = Set.of("console", "text", "json");

    /** An Elasticsearch API key in its encoded form (base64 of {@code id:api_key}), for the secured section. */
    private static final String API_KEY = "Z3VpZGUta2V5LWlkOmd1aWRlLWtleS1zZWNyZXQ=";

    /** An owner that does not exist yet on the target: the import creates it (data model §5.1). */
    private static final String OWNER = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    @Test
    void everyBashCommandOfTheGuideRunsWithItsDocumentedExitCode(Sandbox source, @TargetServer Sandbox target,
            @TempDir Path out, @TempDir Path secrets) throws IOException {
        SeedReport seed = prepare(source, target);
        Path keyFile = Files.writeString(secrets.resolve("es-api-key"), API_KEY + "\n");
        List<GuideCommand> commands = commands("bash");
        // The "Secured stores" section reaches the source through TLS proxies that take only the test CA's https
        // and the API key, as a default Elasticsearch 8 install would.
        try (TlsMongoProxy secureMongo = new TlsMongoProxy(source.mongoUri(), TestCertificates.Server.TRUSTED);
                TlsEngineProxy secureElastic = new TlsEngineProxy(source.elasticUri(),
                        TestCertificates.Server.TRUSTED, Set.of("ApiKey " + API_KEY))) {
            Map<String, String> values = placeholders(source, target, seed, out);
            values.put("SECURE_MONGO", secureMongo.mongoUri());
            values.put("SECURE_ELASTIC", secureElastic.uri().toString());
            values.put("CA_PEM", TestCertificates.get().caPem().toString());
            values.put("ELASTIC_API_KEY_FILE", keyFile.toString());
            ShellWords shell = new ShellWords(values);
            for (GuideCommand command : commands) {
                run(shell, command);
            }
        }
        assertThat(commands.stream().filter(c -> c.text().startsWith("clearml-migrate ")))
                .as("clearml-migrate commands in the guide").hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void everyCommandShownForARealDeploymentParses() {
        ShellWords lenient = ShellWords.lenient();
        List<GuideCommand> shown = new ArrayList<>();
        for (String language : SHOWN_ONLY) {
            shown.addAll(commands(language));
        }
        List<List<String>> invocations = shown.stream().map(c -> toolArguments(lenient.split(c.text())))
                .flatMap(Optional::stream).toList();
        assertThat(invocations).as("clearml-migrate commands in console blocks").hasSizeGreaterThanOrEqualTo(5);
        for (List<String> args : invocations) {
            assertThatCode(() -> commandLine(new StringWriter()).parseArgs(args.toArray(String[]::new)))
                    .as(String.join(" ", args)).doesNotThrowAnyException();
        }
    }

    @Test
    void everyBlockIsEitherRunOrShown() {
        for (GuideBlocks.Block block : GuideBlocks.read(GuideBlocks.docsDirectory()).blocks()) {
            assertThat(block.language()).as(block.file().getFileName() + ":" + block.line())
                    .isIn(union("bash", SHOWN_ONLY));
        }
    }

    private static SeedReport prepare(Sandbox source, Sandbox target) {
        source.reset();
        target.reset();
        FreshServer.initialize(target.mongoUri(), FreshServer.TARGET_COMPANY, "Target Corp");
        return new Seeder().seed(source, SeedSize.small());
    }

    private static Map<String, String> placeholders(Sandbox source, Sandbox target, SeedReport seed, Path out) {
        Map<String, String> values = new HashMap<>();
        values.put("SOURCE_MONGO", source.mongoUri());
        values.put("SOURCE_ELASTIC", source.elasticUri().toString());
        values.put("SOURCE_FILES", source.fileserverDir().toString());
        values.put("SOURCE_COMPANY", seed.companies().get(0));
        values.put("TARGET_MONGO", target.mongoUri());
        values.put("TARGET_ELASTIC", target.elasticUri().toString());
        values.put("TARGET_FILES", target.fileserverDir().toString());
        values.put("TARGET_COMPANY", FreshServer.TARGET_COMPANY);
        values.put("OWNER", OWNER);
        values.put("OLD_FILES_URL", source.fileserverUrl());
        values.put("NEW_FILES_URL", target.fileserverUrl());
        // The single-server sections work on the source: it still holds the old links after the migration.
        values.put("MONGO", source.mongoUri());
        values.put("ELASTIC", source.elasticUri().toString());
        values.put("COMPANY", seed.companies().get(0));
        values.put("OUT", out.toString());
        return values;
    }

    private static List<GuideCommand> commands(String language) {
        return GuideBlocks.read(GuideBlocks.docsDirectory()).withLanguage(language).stream()
                .flatMap(block -> GuideCommand.of(block).stream()).toList();
    }

    private static void run(ShellWords shell, GuideCommand command) throws IOException {
        List<String> words = shell.split(command.text());
        if (words.get(0).equals("clearml-migrate")) {
            StringWriter output = new StringWriter();
            int exit = commandLine(output).execute(words.subList(1, words.size()).toArray(String[]::new));
            assertThat(exit).as(command.where() + "\n" + output).isEqualTo(command.expectedExit());
        } else if (words.get(0).equals("mkdir") && words.get(1).equals("-p")) {
            for (String dir : words.subList(2, words.size())) {
                Files.createDirectories(Path.of(dir));
            }
        } else {
            throw new AssertionError(command.where() + ": a bash block may hold only clearml-migrate and mkdir -p "
                    + "commands; put other commands in a console block");
        }
    }

    /** The arguments after {@code clearml-migrate} or {@code java -jar …/clearml-migrate.jar}, if either. */
    private static Optional<List<String>> toolArguments(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).equals("clearml-migrate") || words.get(i).endsWith("/clearml-migrate.jar")) {
                return Optional.of(words.subList(i + 1, words.size()));
            }
        }
        return Optional.empty();
    }

    private static CommandLine commandLine(StringWriter output) {
        PrintWriter writer = new PrintWriter(output, true);
        return MigrateCommandLine.create(writer, writer, Environment.of(Map.of()));
    }

    private static Set<String> union(String one, Set<String> more) {
        Set<String> all = new java.util.HashSet<>(more);
        all.add(one);
        return all;
    }
}
