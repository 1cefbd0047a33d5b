package clearml.migrate.cli;

import clearml.migrate.events.BulkOptions;
import clearml.migrate.files.ArtifactsLayout;
import clearml.migrate.files.FileServerToken;
import clearml.migrate.files.FileStore;
import clearml.migrate.importing.ConflictPolicy;
import clearml.migrate.importing.ImportReport;
import clearml.migrate.importing.ImportSettings;
import clearml.migrate.importing.Importer;
import clearml.migrate.importing.ProjectNamePolicy;
import clearml.migrate.mongo.ClearmlVersion;
import java.io.PrintWriter;
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

/** {@code clearml-migrate import}: writes an archive's projects, experiments, models and events into a server. */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Import an archive written by clearml-migrate or by ClearML's data tool into a server.")
final class ImportCommand implements Callable<Integer> {

    /** What to do with an entity whose id the target already holds. */
    enum OnConflict { OVERWRITE, SKIP, FAIL }

    /** What to do with a project whose name the target already uses under another id. */
    enum OnProjectName { MERGE, RENAME_EXISTING, FAIL }

    private final Environment environment;

    // picocli writes the annotated fields after construction, so they cannot be final.
    @Parameters(index = "0", paramLabel = "FILE.zip", description = "The archive to import.")
    @Nullable Path archive;

    @Option(names = "--company", paramLabel = "ID", order = 1, description = "The company that will own the data. "
            + "Without it the data becomes public, read-only \"Examples\" (company \"\").")
    @Nullable String company;

    @Option(names = "--user", paramLabel = "ID", order = 2, description = "The user that will own the data.")
    @Nullable String user;

    @Option(names = "--dry-run", order = 3, description = "Check the archive against the target and report what "
            + "would change, writing nothing.")
    boolean dryRun;

    @Option(names = "--on-conflict", paramLabel = "overwrite|skip|fail", defaultValue = "overwrite", order = 4,
            description = "When the target already holds an entity with the same id (default: ${DEFAULT-VALUE}, "
                    + "as ClearML's tool).")
    String onConflict = "overwrite";

    @Option(names = "--on-project-name", paramLabel = "merge|rename-existing|fail", defaultValue = "merge",
            order = 5, description = "When a project of the same name exists under another id (default: "
                    + "${DEFAULT-VALUE}).")
    String onProjectName = "merge";

    @Option(names = "--new-ids", order = 6, description = "Give every imported entity a new id, derived from "
            + "the company and its archived id: a copy next to the originals, and a rerun converges.")
    boolean newIds;

    @Option(names = "--users", order = 7, description = "Also import the archive's users (users.json).")
    boolean users;

    @Option(names = "--artifacts-to", paramLabel = "DIR|URL", order = 8, description = "The target's file server: "
            + "its data directory or its URL, to receive FILE.artifacts.")
    @Nullable String artifactsTo;

    @Option(names = "--artifacts-layout", paramLabel = "flat|enterprise", defaultValue = "flat", order = 8,
            description = "Where under the --artifacts-to directory the files go: flat (open source, default) or "
                    + "enterprise (DIR/<company id>/..., as ClearML Enterprise keeps them; needs --company).")
    String artifactsLayout = "flat";

    @Option(names = "--url-map", arity = "1..*", paramLabel = "OLD=NEW", order = 9,
            description = "Rewrite URLs starting with OLD to start with NEW while importing.")
    Map<String, String> urlMap = new LinkedHashMap<>();

    @Option(names = "--undo-log", paramLabel = "FILE", order = 10, description = "Where to write the undo journal "
            + "(default: <archive>.undo.jsonl.gz beside the archive); 'clearml-migrate undo FILE' reverses the import.")
    @Nullable Path undoLog;

    @Option(names = "--target-version", paramLabel = "VERSION", order = 11, description = "The target's ClearML "
            + "release, e.g. 1.16 or 2.0, whose statistics the import writes (default: recognised from its stores).")
    @Nullable String targetVersion;

    @Option(names = "--json", order = 30, description = "Print the summary as JSON on stdout.")
    boolean json;

    @Mixin
    @Nullable ConnectionOptions connection;

    @Mixin
    @Nullable ProgressOptions progress;

    @Spec
    @Nullable CommandSpec spec;

    ImportCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        ImportSettings settings = settings();
        PrintWriter err = spec().commandLine().getErr();
        if (settings.company() == null) {
            err.println(PUBLIC_NOTICE);
            err.flush();
        }
        ImportReport report;
        try (TargetStores target = TargetStores.open(Injected.required(connection, "connection options"),
                artifactsTo, FileServerToken.resolve(environment.variables(), null))) {
            FileStore files = target.files();
            Importer importer = files == null
                    ? new Importer(target.mongo(), target.events(), BulkOptions.defaults(), Clock.systemUTC())
                    : new Importer(target.mongo(), target.events(), BulkOptions.defaults(), Clock.systemUTC(), files);
            report = importer.run(settings, Injected.required(progress, "progress options").progress());
        }
        new ImportRendering(report).print(spec().commandLine().getOut(), err, json);
        UndoHint.print(err, report.undoJournal());
        return 0;
    }

    /** The settings these flags ask for. */
    ImportSettings settings() {
        ConflictPolicy conflict = ConflictPolicy.valueOf(
                KebabChoice.parse(OnConflict.class, "--on-conflict", onConflict).name());
        ProjectNamePolicy projectName = ProjectNamePolicy.valueOf(
                KebabChoice.parse(OnProjectName.class, "--on-project-name", onProjectName).name());
        ArtifactsLayout layout = KebabChoice.parse(ArtifactsLayout.class, "--artifacts-layout", artifactsLayout);
        return ImportSettings.defaults(Injected.required(archive, "archive"), company, user)
                .withDryRun(dryRun).withConflictPolicies(conflict, projectName).withNewIds(newIds)
                .withUsers(users).withUrlMap(UrlMapFlag.parse(urlMap)).withArtifactsTo(artifactsTo, layout)
                .withUndoLog(undoLog)
                .withTargetVersion(targetVersion == null ? null : ClearmlVersion.parse(targetVersion,
                        "--target-version"));
    }

    private CommandSpec spec() {
        return Injected.required(spec, "command spec");
    }

    /** Said on stderr before anything is written when no company is given (data model §5.1). */
    static final String PUBLIC_NOTICE = "No --company given: the imported data becomes public, read-only "
            + "\"Examples\" (company \"\") visible to every company, as ClearML's importer does.";
}
