package clearml.migrate.cli;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiSettings;
import clearml.migrate.apitarget.ApiUndoReport;
import clearml.migrate.apitarget.ApiUndoer;
import clearml.migrate.apirelink.ApiRelinkUndoReport;
import clearml.migrate.apirelink.ApiRelinkUndoer;
import clearml.migrate.apirelink.ApiRelinker;
import clearml.migrate.failures.ExitCode;
import clearml.migrate.failures.UsageException;
import clearml.migrate.undo.JournalReader;
import clearml.migrate.undo.UndoJournal;
import clearml.migrate.files.FileServerToken;
import clearml.migrate.files.FileStores;
import clearml.migrate.progress.Progress;
import clearml.migrate.undo.UndoReport;
import clearml.migrate.undo.UndoSettings;
import clearml.migrate.undo.Undoer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code clearml-migrate undo}: puts the target back as it was before an import or a relink, from the journal that
 * command wrote ({@code <archive>.undo.jsonl.gz} by default).
 */
@Command(name = "undo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Put the target back as it was before an import or a relink, using the journal that command "
                + "wrote (by default <archive>.undo.jsonl.gz, or relink-<time>.undo.jsonl.gz).")
final class UndoCommand implements Callable<Integer> {

    // picocli writes the annotated fields after construction, so they cannot be final.
    @Parameters(index = "0", paramLabel = "JOURNAL", description = "The journal file of the import or relink to reverse.")
    @Nullable Path journal;

    @Option(names = "--dry-run", order = 1, description = "Report what would be removed or restored, writing "
            + "nothing.")
    boolean dryRun;

    @Option(names = "--force", order = 2, description = "Undo even documents changed on the server since the "
            + "import or relink, listing each.")
    boolean force;

    @Option(names = "--fileserver-token-file", paramLabel = "FILE", order = 3,
            description = "File whose first line is the file server's token, when the command placed files over "
                    + "HTTP (or set " + FileServerToken.ENV + ").")
    @Nullable Path tokenFile;

    @Mixin
    StoreOptions stores = new StoreOptions();

    @Mixin
    @Nullable ApiOptions api;

    private final Environment environment;

    UndoCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (Injected.required(api, "API options").given()) {
            return undoThroughApi(Injected.required(api, "API options").settings());
        }
        UndoSettings settings = new UndoSettings(Injected.required(journal, "journal"), dryRun, force);
        refuseApiJournal(settings.journal());
        @Nullable String token = FileServerToken.resolve(environment.variables(), tokenFile);
        Progress shown = stores.json ? Progress.SILENT : stores.progress();
        UndoReport report;
        ConnectionOptions connection = stores.connection();
        try (TargetStores target = TargetStores.open(connection)) {
            report = new Undoer(target.mongo(), target.events(), store -> FileStores.open(store, token, connection.retryFor()))
                    .run(settings, shown);
        }
        new UndoRendering(report).print(stores.out(), stores.json);
        return 0;
    }

    /** A journal of a relink through the API names no store: its undo goes through the API too. */
    private static void refuseApiJournal(Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (JournalReader reader = JournalReader.open(file)) {
            if (ApiRelinker.COMMAND.equals(reader.header().command())) {
                throw new UsageException(file + " is the journal of a relink through the REST API; undo it "
                        + "through the API too: clearml-migrate undo --api-host " + reader.header().settings()
                        .getOrDefault("server", "URL") + " " + file);
            }
        }
    }

    /**
     * Through the REST API: JOURNAL is the import's id map, {@code <archive>.ids.jsonl}, whose files are deleted
     * with the file-server token, else the API's own (which ClearML's file server accepts); or the journal of a
     * {@code relink --api-host} ({@code .undo.jsonl.gz}).
     */
    private Integer undoThroughApi(ApiSettings apiSettings) {
        Progress shown = stores.json ? Progress.SILENT : stores.progress();
        Path file = Injected.required(journal, "journal");
        if (file.getFileName().toString().endsWith(UndoJournal.SUFFIX)) {
            ApiRelinkUndoReport report;
            try (ApiClient client = new ApiClient(apiSettings)) {
                report = new ApiRelinkUndoer(client).run(file, dryRun, force, shown);
            }
            new ApiRelinkUndoRendering(report).print(stores.out(), stores.json);
            return report.kept().isEmpty() ? 0 : ExitCode.INCOMPLETE.code();
        }
        @Nullable String token = FileServerToken.resolve(environment.variables(), tokenFile);
        ApiUndoReport report;
        try (ApiClient client = new ApiClient(apiSettings)) {
            report = new ApiUndoer(client, location -> FileStores.open(location,
                    token != null ? token : client.bearerToken(), apiSettings.retryFor()))
                    .run(Injected.required(journal, "journal"), dryRun, shown);
        }
        new ApiUndoRendering(report).print(stores.out(), stores.json);
        return report.kept().isEmpty() ? 0 : ExitCode.INCOMPLETE.code();
    }
}
