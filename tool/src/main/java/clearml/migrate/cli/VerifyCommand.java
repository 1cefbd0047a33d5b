package clearml.migrate.cli;

import clearml.migrate.failures.ExitCode;
import clearml.migrate.files.ArtifactsLayout;
import clearml.migrate.files.FileServerToken;
import clearml.migrate.mongo.ClearmlVersion;
import clearml.migrate.proof.Verifier;
import clearml.migrate.proof.VerifyReport;
import clearml.migrate.proof.VerifySettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code clearml-migrate verify}: compares a server with an archive after an import. It takes the import's flags
 * that change data on purpose, so the user passes the same ones; exits 0 when equal, 1 on any difference.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Compare the target server with an archive; exit 1 on any difference. Give the flags the "
                + "import was given.")
final class VerifyCommand implements Callable<Integer> {

    private final Environment environment;

    // picocli writes the annotated fields after construction, so they cannot be final.
    @Parameters(index = "0", paramLabel = "FILE.zip", description = "The archive to compare with.")
    @Nullable Path archive;

    @Option(names = "--company", paramLabel = "ID", order = 1, description = "The company the archive was "
            + "imported into (none: public data, company \"\").")
    @Nullable String company;

    @Option(names = "--user", paramLabel = "ID", order = 2, description = "The --user the import was given.")
    @Nullable String user;

    @Option(names = "--new-ids", order = 6, description = "The import ran with --new-ids.")
    boolean newIds;

    @Option(names = "--users", order = 7, description = "The import ran with --users: also check the users.")
    boolean users;

    @Option(names = "--artifacts-to", paramLabel = "DIR|URL", order = 8, description = "The target's file server "
            + "(data directory or URL): check that every file of FILE.artifacts is there.")
    @Nullable String artifactsTo;

    @Option(names = "--artifacts-layout", paramLabel = "flat|enterprise", defaultValue = "flat", order = 8,
            description = "The --artifacts-layout the import was given (default: flat).")
    String artifactsLayout = "flat";

    @Option(names = "--url-map", arity = "1..*", paramLabel = "OLD=NEW", order = 9,
            description = "The --url-map the import was given.")
    Map<String, String> urlMap = new LinkedHashMap<>();

    @Option(names = "--target-version", paramLabel = "VERSION", order = 10, description = "The --target-version "
            + "the import was given (default: recognised from the target's stores).")
    @Nullable String targetVersion;

    @Option(names = "--json", order = 30, description = "Print the comparison as JSON on stdout.")
    boolean json;

    @Mixin
    @Nullable ConnectionOptions connection;

    @Mixin
    @Nullable ProgressOptions progress;

    @Spec
    @Nullable CommandSpec spec;

    VerifyCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        VerifyReport report;
        String fileServer = artifactsTo == null ? null : KebabChoice.parse(ArtifactsLayout.class,
                "--artifacts-layout", artifactsLayout).companyRoot(artifactsTo, company);
        try (TargetStores target = TargetStores.open(Injected.required(connection, "connection options"),
                fileServer, FileServerToken.resolve(environment.variables(), null))) {
            // An empty or foreign MongoDB would otherwise be reported as every entity missing, not as a wrong host.
            target.mongo().requireClearml();
            report = new Verifier(target.mongo(), target.events(), target.files(), Clock.systemUTC()).run(settings(),
                    Injected.required(progress, "progress options").progress());
        }
        CommandSpec command = Injected.required(spec, "command spec");
        new VerifyRendering(report).print(command.commandLine().getOut(), command.commandLine().getErr(), json);
        return report.equal() ? ExitCode.OK.code() : ExitCode.INCOMPLETE.code();
    }

    /** The settings these flags ask for. */
    VerifySettings settings() {
        return new VerifySettings(Injected.required(archive, "archive"), company, user, newIds, users,
                UrlMapFlag.parse(urlMap),
                targetVersion == null ? null : ClearmlVersion.parse(targetVersion, "--target-version"));
    }
}
