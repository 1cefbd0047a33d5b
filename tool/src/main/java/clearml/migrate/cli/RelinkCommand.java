package clearml.migrate.cli;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiSettings;
import clearml.migrate.apirelink.ApiRelinkReport;
import clearml.migrate.apirelink.ApiRelinker;
import clearml.migrate.failures.ExitCode;
import clearml.migrate.progress.Progress;
import clearml.migrate.relinking.RelinkReport;
import clearml.migrate.relinking.RelinkSettings;
import clearml.migrate.relinking.Relinker;
import clearml.migrate.undo.UndoJournal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code clearml-migrate relink}: rewrites file-server URLs in place, in entities and in events. */
@Command(name = "relink", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Rewrite every stored URL that starts with one prefix to start with another, in projects, "
                + "tasks, models and events (like ClearML's fix_fileserver_urls.py); with --api-host through the "
                + "server's REST API, listing what the API cannot rewrite.")
final class RelinkCommand implements Callable<Integer> {

    // picocli writes the annotated fields after construction, so they cannot be final.
    @Option(names = "--host-source", required = true, paramLabel = "PREFIX", order = 1,
            description = "The URL prefix stored now, e.g. http://old-files:8081.")
    String hostSource = "";

    @Option(names = "--host-target", required = true, paramLabel = "PREFIX", order = 2,
            description = "The URL prefix to store instead.")
    String hostTarget = "";

    @Option(names = "--dry-run", order = 3, description = "Count what would change, writing nothing.")
    boolean dryRun;

    @Option(names = "--company", arity = "1..*", paramLabel = "ID", order = 4,
            description = "Only these companies' data (default: all).")
    List<String> companies = new ArrayList<>();

    @Option(names = "--undo-log", paramLabel = "FILE", order = 5, description = "Where to write the undo journal "
            + "(default: relink-<UTC time>.undo.jsonl.gz here); 'clearml-migrate undo FILE' reverses the relink.")
    @Nullable Path undoLog;

    @Mixin
    StoreOptions stores = new StoreOptions();

    @Mixin
    @Nullable ApiOptions api;

    /**
     * Exit 0 when every URL found was rewritten; 1 when the engine refused some events, or, through the REST API
     * ({@code --api-host}, issue #15), when some URLs could not be rewritten through it (the summary lists them).
     */
    @Override
    public Integer call() {
        RelinkSettings settings = new RelinkSettings(hostSource, hostTarget, dryRun, companies,
                undoLog != null ? undoLog : UndoJournal.forRelink(Clock.systemUTC()));
        ApiOptions apiOptions = Injected.required(api, "API options");
        if (apiOptions.given()) {
            return relinkThroughApi(settings, apiOptions.settings());
        }
        RelinkReport report;
        try (TargetStores target = TargetStores.open(stores.connection())) {
            report = new Relinker(target.mongo(), target.events()).run(settings, progress());
        }
        new RelinkRendering(report).print(stores.out(), stores.json);
        UndoHint.print(stores.err(), settings.dryRun() ? null : settings.undoLog());
        return report.failed() > 0 ? ExitCode.INCOMPLETE.code() : ExitCode.OK.code();
    }

    /** Through the REST API: a dry run exits 0 even when it lists URLs the API could not rewrite. */
    private Integer relinkThroughApi(RelinkSettings settings, ApiSettings apiSettings) {
        ApiRelinkReport report;
        try (ApiClient client = new ApiClient(apiSettings)) {
            report = new ApiRelinker(client).run(settings, progress());
        }
        new ApiRelinkRendering(report).print(stores.out(), stores.json);
        UndoHint.print(stores.err(), settings.dryRun() ? null : settings.undoLog(), "--api-host " + report.server()
                + " ");
        return report.complete() || settings.dryRun() ? ExitCode.OK.code() : ExitCode.INCOMPLETE.code();
    }

    private Progress progress() {
        return stores.json ? Progress.SILENT : stores.progress();
    }
}
