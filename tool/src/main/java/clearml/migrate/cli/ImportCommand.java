package clearml.migrate.cli;

import clearml.migrate.events.BulkOptions;
import clearml.migrate.events.ElasticClient;
import clearml.migrate.events.EventStore;
import clearml.migrate.files.ArtifactsLayout;
import clearml.migrate.files.FileServerToken;
import clearml.migrate.files.FileStore;
import clearml.migrate.files.FileStores;
import clearml.migrate.importing.ConflictPolicy;
import clearml.migrate.importing.ImportReport;
import clearml.migrate.importing.ImportSettings;
import clearml.migrate.importing.Importer;
import clearml.migrate.importing.ProjectNamePolicy;
import clearml.migrate.links.UrlMap;
import clearml.migrate.mongo.ClearmlMongo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
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

    @Option(names = "--json", order = 30, description = "Print the summary as JSON on stdout.")
    boolean json;

    @Mixin
    @Nullable ConnectionOptions connection;

    @Mixin
    @Nullable ProgressOptions progress;

    @Spec
    @Nullable CommandSpec spec;

    @Override
    public Integer call() {
        ImportSettings settings = settings();
        PrintWriter err = spec().commandLine().getErr();
        if (settings.company() == null) {
            err.println(PUBLIC_NOTICE);
            err.flush();
        }
        ImportReport report;
        ConnectionOptions options = required(connection, "connection options");
        try (ClearmlMongo mongo = ClearmlMongo.open(options.mongoSettings());
                ElasticClient elastic = new ElasticClient(options.elasticSettings());
                FileStore files = artifactsTo == null ? null
                        : FileStores.open(artifactsTo, FileServerToken.resolve(System.getenv(), null))) {
            EventStore events = new EventStore(elastic);
            Importer importer = files == null
                    ? new Importer(mongo, events, BulkOptions.defaults(), Clock.systemUTC())
                    : new Importer(mongo, events, BulkOptions.defaults(), Clock.systemUTC(), files);
            report = importer.run(settings, required(progress, "progress options").progress());
        }
        new ImportRendering(report).print(spec().commandLine().getOut(), err, json);
        return 0;
    }

    /** The settings these flags ask for. */
    ImportSettings settings() {
        ConflictPolicy conflict = ConflictPolicy.valueOf(
                KebabChoice.parse(OnConflict.class, "--on-conflict", onConflict).name());
        ProjectNamePolicy projectName = ProjectNamePolicy.valueOf(
                KebabChoice.parse(OnProjectName.class, "--on-project-name", onProjectName).name());
        ArtifactsLayout layout = KebabChoice.parse(ArtifactsLayout.class, "--artifacts-layout", artifactsLayout);
        List<String> urlPairs = urlMap.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        return ImportSettings.defaults(required(archive, "archive"), company, user)
                .withDryRun(dryRun).withConflictPolicies(conflict, projectName).withNewIds(newIds)
                .withUsers(users).withUrlMap(UrlMap.parse(urlPairs)).withArtifactsTo(artifactsTo, layout);
    }

    private CommandSpec spec() {
        return required(spec, "command spec");
    }

    private static <T> T required(@Nullable T injected, String what) {
        if (injected == null) {
            throw new IllegalStateException("picocli did not inject the " + what);
        }
        return injected;
    }

    /** Said on stderr before anything is written when no company is given (data model §5.1). */
    static final String PUBLIC_NOTICE = "No --company given: the imported data becomes public, read-only "
            + "\"Examples\" (company \"\") visible to every company, as ClearML's importer does.";
}
