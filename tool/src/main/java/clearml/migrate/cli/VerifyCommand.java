package clearml.migrate.cli;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiSettings;
import clearml.migrate.apitarget.ApiVerifier;
import clearml.migrate.failures.ExitCode;
import clearml.migrate.failures.UsageException;
import clearml.migrate.files.FileServerToken;
import clearml.migrate.files.FileStore;
import clearml.migrate.importing.JournalledSettings;
import clearml.migrate.proof.Verifier;
import clearml.migrate.proof.VerifyReport;
import clearml.migrate.proof.VerifySettings;
import clearml.migrate.undo.JournalReader;
import clearml.migrate.undo.UndoJournal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code clearml-migrate verify}: compares a server with an archive after an import. It expects what the import's
 * flags that change data on purpose did: read from the import's undo journal (beside the archive by default, or
 * {@code --journal}), with any of those flags given here winning; exits 0 when equal, 1 on any difference.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Compare the target server with an archive; exit 1 on any difference. The import's flags "
                + "are read from its undo journal; flags given here win.")
final class VerifyCommand implements Callable<Integer> {

    private final Environment environment;

    // picocli writes the annotated fields after construction, so they cannot be final.
    @Parameters(index = "0", paramLabel = "FILE.zip", description = "The archive to compare with.")
    @Nullable Path archive;

    @Option(names = "--journal", paramLabel = "FILE", order = 10, description = "The import's undo journal, to read "
            + "its flags from (default: the newest <archive>.undo[-N].jsonl.gz beside the archive, if any).")
    @Nullable Path journal;

    @Mixin
    ImportChoices choices = new ImportChoices();

    @Option(names = "--id-map", paramLabel = "FILE", order = 11, description = "With --api-host: the import's map "
            + "of archived ids to the server's (default: <archive>.ids.jsonl beside the archive).")
    @Nullable Path idMap;

    @Mixin
    StoreOptions stores = new StoreOptions();

    @Mixin
    @Nullable ApiOptions api;

    VerifyCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (Injected.required(api, "API options").given()) {
            return verifyThroughApi(Injected.required(api, "API options").settings());
        }
        JournalledSettings imported = imported();
        String artifactsTo = choices.artifactsTo(imported);
        String fileServer = artifactsTo == null ? null
                : choices.artifactsLayout(imported).companyRoot(artifactsTo, choices.company(imported));
        VerifyReport report;
        try (TargetStores target = TargetStores.open(stores.connection(),
                fileServer, FileServerToken.resolve(environment.variables(), null))) {
            // An empty or foreign MongoDB would otherwise be reported as every entity missing, not as a wrong host.
            target.mongo().requireClearml();
            report = new Verifier(target.mongo(), target.events(), target.files(), Clock.systemUTC())
                    .run(settings(imported), stores.progress());
        }
        new VerifyRendering(report).print(stores.out(), stores.err(), stores.json);
        return report.equal() ? ExitCode.OK.code() : ExitCode.INCOMPLETE.code();
    }

    /**
     * Through the REST API: the import there wrote no journal, so the flags given here are the import's; the
     * companion's files are looked for where such an import places them ({@link ApiTargetFiles}).
     */
    private Integer verifyThroughApi(ApiSettings apiSettings) {
        VerifyReport report;
        VerifySettings settings = settings(null);
        try (ApiClient client = new ApiClient(apiSettings);
                FileStore files = ApiTargetFiles.open(choices.artifactsTo(null), settings.archive(), client,
                        FileServerToken.resolve(environment.variables(), null))) {
            report = new ApiVerifier(client, files, Clock.systemUTC()).run(settings, idMap, stores.progress());
        }
        new VerifyRendering(report).print(stores.out(), stores.err(), stores.json);
        return report.equal() ? ExitCode.OK.code() : ExitCode.INCOMPLETE.code();
    }

    /** The settings these flags ask for, the import's journal filling in what they leave out. */
    VerifySettings settings() {
        return settings(imported());
    }

    private VerifySettings settings(@Nullable JournalledSettings imported) {
        return new VerifySettings(Injected.required(archive, "archive"), choices.company(imported),
                choices.user(imported), choices.newIds(imported), choices.users(imported), choices.urlMap(imported),
                choices.targetVersion(imported));
    }

    /** The settings the import's journal holds: {@code --journal}, else the newest beside the archive, else none. */
    private @Nullable JournalledSettings imported() {
        Optional<Path> file = journal != null ? Optional.of(journal)
                : UndoJournal.newestBesideArchive(Injected.required(archive, "archive"));
        if (file.isEmpty()) {
            return null;
        }
        try (JournalReader reader = JournalReader.open(file.get())) {
            if (!reader.header().command().equals("import")) {
                throw new UsageException(file.get() + " is the journal of a " + reader.header().command()
                        + ", not of an import — give the import's journal with --journal, or the import's flags");
            }
            return new JournalledSettings(reader.header().settings());
        }
    }
}
