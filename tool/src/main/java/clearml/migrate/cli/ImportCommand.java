package clearml.migrate.cli;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiSettings;
import clearml.migrate.apitarget.ApiImportReport;
import clearml.migrate.apitarget.ApiImporter;
import clearml.migrate.events.BulkOptions;
import clearml.migrate.failures.ExitCode;
import clearml.migrate.files.FileServerToken;
import clearml.migrate.files.FileStore;
import clearml.migrate.importing.ImportReport;
import clearml.migrate.importing.ImportSettings;
import clearml.migrate.importing.Importer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clearml-migrate import}: writes an archive's projects, experiments, models and events into a server. */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Import an archive written by clearml-migrate or by ClearML's data tool into a server.")
final class ImportCommand implements Callable<Integer> {

    private final Environment environment;

    // picocli writes the annotated fields after construction, so they cannot be final.
    @Parameters(index = "0", paramLabel = "FILE.zip", description = "The archive to import.")
    @Nullable Path archive;

    @Mixin
    ImportChoices choices = new ImportChoices();

    @Option(names = "--apply-deletes", order = 4, description = "For a delta archive (export --since): delete on "
            + "the target what the source deleted since the base; otherwise they are only listed.")
    boolean applyDeletes;

    @Mixin
    ImportPolicies policies = new ImportPolicies();

    @Option(names = "--undo-log", paramLabel = "FILE", order = 10, description = "Where to write the undo journal "
            + "(default: <archive>.undo.jsonl.gz beside the archive); 'clearml-migrate undo FILE' reverses the import.")
    @Nullable Path undoLog;

    @Option(names = "--id-map", paramLabel = "FILE", order = 11, description = "With --api-host: where the map "
            + "of archived ids to the server's ids is kept (default: <archive>.ids.jsonl beside the archive); a rerun "
            + "reads it to update what the first run created, undo --api-host deletes what it names.")
    @Nullable Path idMap;

    @Mixin
    StoreOptions stores = new StoreOptions();

    @Mixin
    @Nullable ApiOptions api;

    ImportCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        ImportSettings settings = settings();
        if (Injected.required(api, "API options").given()) {
            return importThroughApi(settings, Injected.required(api, "API options").settings());
        }
        ImportReport report;
        try (TargetStores target = TargetStores.open(stores.connection(),
                settings.artifactsTo(), FileServerToken.resolve(environment.variables(), null))) {
            FileStore files = target.files();
            Importer importer = files == null
                    ? new Importer(target.mongo(), target.events(), BulkOptions.defaults(), Clock.systemUTC())
                    : new Importer(target.mongo(), target.events(), BulkOptions.defaults(), Clock.systemUTC(), files);
            report = importer.run(settings, stores.progress());
        }
        new ImportRendering(report).print(stores.out(), stores.err(), stores.json);
        UndoHint.print(stores.err(), report.undoJournal());
        return 0;
    }

    /**
     * Through the REST API: exit 1 ({@link ExitCode#INCOMPLETE}) when the server did not keep a field or an event,
     * which the summary lists.
     */
    private Integer importThroughApi(ImportSettings settings, ApiSettings apiSettings) {
        ApiImportReport report;
        try (ApiClient client = new ApiClient(apiSettings);
                FileStore files = ApiTargetFiles.open(settings.artifactsTo(), settings.archive(), client,
                        FileServerToken.resolve(environment.variables(), null))) {
            report = new ApiImporter(client, files, Clock.systemUTC()).run(settings, idMap, stores.progress());
        }
        new ApiImportRendering(report).print(stores.out(), stores.json);
        return report.complete() ? ExitCode.OK.code() : ExitCode.INCOMPLETE.code();
    }

    /** The settings these flags ask for. */
    ImportSettings settings() {
        return policies.applyTo(ImportSettings.defaults(Injected.required(archive, "archive"), choices.company(null),
                        choices.user(null))).withNewIds(choices.newIds(null))
                .withUsers(choices.users(null)).withUrlMap(choices.urlMap(null))
                .withArtifactsTo(choices.artifactsTo(null), choices.artifactsLayout(null))
                .withUndoLog(undoLog).withTargetVersion(choices.targetVersion(null)).withApplyDeletes(applyDeletes);
    }


}
