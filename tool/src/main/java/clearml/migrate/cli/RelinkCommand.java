package clearml.migrate.cli;

import clearml.migrate.failures.ExitCode;
import clearml.migrate.failures.UsageException;
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
                + "tasks, models and events (like ClearML's fix_fileserver_urls.py).")
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
     * Exit 0 when every URL found was rewritten; 1 when the engine refused some events (the summary says where).
     * Through the REST API it is refused (issue #15): the API has no call that rewrites a stored event, re-adding
     * events restamps them and their task's statistics and is refused on published tasks, and task edits restamp
     * {@code last_update} (clearml-rest-api.md).
     */
    @Override
    public Integer call() {
        if (Injected.required(api, "API options").given()) {
            throw new UsageException("relink does not work through the REST API yet: the API cannot rewrite "
                    + "stored events (debug-image URLs, plot images), and its task edits restamp the tasks' dates; "
                    + "run relink against the server's stores (--mongo-host, --elastic-host), or export with "
                    + "--url-map and import instead");
        }
        RelinkSettings settings = new RelinkSettings(hostSource, hostTarget, dryRun, companies,
                undoLog != null ? undoLog : UndoJournal.forRelink(Clock.systemUTC()));
        RelinkReport report;
        try (TargetStores target = TargetStores.open(stores.connection())) {
            report = new Relinker(target.mongo(), target.events()).run(settings, progress());
        }
        new RelinkRendering(report).print(stores.out(), stores.json);
        UndoHint.print(stores.err(), settings.dryRun() ? null : settings.undoLog());
        return report.failed() > 0 ? ExitCode.INCOMPLETE.code() : ExitCode.OK.code();
    }

    private Progress progress() {
        return stores.json ? Progress.SILENT : stores.progress();
    }
}
