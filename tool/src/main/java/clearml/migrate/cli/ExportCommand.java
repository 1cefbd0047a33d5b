package clearml.migrate.cli;

import clearml.migrate.archive.ArchiveNaming;
import clearml.migrate.archive.EntryCompression;
import clearml.migrate.events.ElasticClient;
import clearml.migrate.events.EventStore;
import clearml.migrate.exporting.ExportReport;
import clearml.migrate.exporting.ExportSettings;
import clearml.migrate.exporting.Exporter;
import clearml.migrate.failures.ExitCode;
import clearml.migrate.files.FileServerToken;
import clearml.migrate.files.FileStore;
import clearml.migrate.files.FileStores;
import clearml.migrate.links.FileServerUrls;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.ClearmlVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code clearml-migrate export}: writes projects or experiments, their events and links to an archive. */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Export projects or experiments, with their models and events, to an archive that ClearML's "
                + "data tool can import. From the server's stores (--mongo-*, --elastic-*), or through its REST API "
                + "(--api-host or another API flag): the same archive, with what the API does not return listed.")
final class ExportCommand implements Callable<Integer> {

    private final Environment environment;

    @Mixin
    SelectionFlags selection = new SelectionFlags();

    @Option(names = "--output", paramLabel = "FILE.zip", order = 12,
            description = "The archive to write (default: a name built from the selection, in the current directory).")
    @Nullable Path output;

    @Option(names = "--users", order = 15, description = "Also write the users the exported data refers to "
            + "(users.json).")
    boolean users;

    @Option(names = "--with-credentials", order = 16, description = "With --users: include the users' API "
            + "credentials, secrets in clear text.")
    boolean withCredentials;

    @Option(names = "--artifacts-from", paramLabel = "DIR|URL", order = 17, description = "The file server to "
            + "copy artifacts, models and debug samples from: its data directory or its URL (writes FILE.artifacts). "
            + "Through the API: default the server's file server (CLEARML_FILES_HOST or files_server).")
    @Nullable String artifactsFrom;

    @Option(names = "--fileserver-url", arity = "1..*", paramLabel = "PREFIX", order = 18,
            description = "URL prefixes under which the source's file server is reached.")
    List<String> fileserverUrls = new ArrayList<>();

    @Option(names = "--split-projects", order = 19, description = "Write one archive per root project.")
    boolean splitProjects;

    @Option(names = "--for-clearml", paramLabel = "VERSION", order = 21, description = "Write the archive for "
            + "the importer of this ClearML release (1.10 and newer, e.g. 1.10, 1.16, 2.0): leave out what it "
            + "cannot read, listed in the summary.")
    @Nullable String forClearml;

    @Option(names = "--compression", paramLabel = "deflate|bzip2", defaultValue = "deflate", order = 22,
            description = "How the archive's entries are compressed: deflate (the default: fast, on every core) or "
                    + "bzip2 (as ClearML's own exports: a smaller file, slower). ClearML's importer reads both.")
    String compression = "deflate";

    @Option(names = "--since", paramLabel = "PREVIOUS", order = 23, description = "Write only what changed since "
            + "PREVIOUS, an archive of the same selection (or its .map file): a delta that import applies on top.")
    @Nullable Path since;

    @Mixin
    UrlMapFlag urlMap = new UrlMapFlag();

    @Mixin
    StoreOptions stores = new StoreOptions();

    @Mixin
    @Nullable ApiOptions api;

    ExportCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        ExportSettings settings = settings();
        ApiOptions apiOptions = Injected.required(api, "API options");
        ExportReport report = apiOptions.given() ? new ApiExport(environment, artifactsFrom, stores.progress())
                .run(apiOptions.settings(), settings) : runDirect(settings);
        new ExportRendering(report).print(stores.out(), stores.json);
        // Exit 0 only when everything asked for was done (design.md §2): a missing file-server file is not.
        boolean filesMissing = report.archives().stream().anyMatch(archive -> !archive.missingFiles().isEmpty());
        return filesMissing ? ExitCode.INCOMPLETE.code() : ExitCode.OK.code();
    }

    private ExportReport runDirect(ExportSettings settings) {
        ExportReport report;
        try (ClearmlMongo mongo = ClearmlMongo.open(stores.connection().mongoSettings());
             FileStore files = artifactsFrom == null ? null
                     : FileStores.open(artifactsFrom, FileServerToken.resolve(environment.variables(), null),
                             stores.connection().retryFor())) {
            mongo.requireClearml();
            report = settings.events() ? runWithEvents(mongo, files, settings) : run(mongo, null, files, settings);
        }
        return report;
    }

    private ExportReport runWithEvents(ClearmlMongo mongo, @Nullable FileStore files, ExportSettings settings) {
        try (ElasticClient client = new ElasticClient(stores.connection().elasticSettings())) {
            return run(mongo, new EventStore(client), files, settings);
        }
    }

    private ExportReport run(ClearmlMongo mongo, @Nullable EventStore events, @Nullable FileStore files,
                             ExportSettings settings) {
        return new Exporter(mongo, events, files, VersionProvider.projectVersion()).run(settings, stores.progress());
    }

    /** The settings these flags ask for; bad combinations fail here, before any store is touched. */
    ExportSettings settings() {
        return new ExportSettings(selection.request(), output == null ? Path.of(ArchiveNaming.DEFAULT_BASE) : output,
                !selection.noEvents, users, withCredentials, splitProjects, urlMap.urlMap(), ExportSettings.DEFAULT_WORKERS,
                fileserverUrls.isEmpty() ? FileServerUrls.heuristic() : FileServerUrls.of(fileserverUrls),
                forClearml == null ? null : ClearmlVersion.parse(forClearml, "--for-clearml"),
                KebabChoice.parse(EntryCompression.class, "--compression", compression), since);
    }


}
