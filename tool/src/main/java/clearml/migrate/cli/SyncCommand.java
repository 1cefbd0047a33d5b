package clearml.migrate.cli;

import clearml.migrate.copying.CopySettings;
import clearml.migrate.copying.SyncReport;
import clearml.migrate.copying.SyncSettings;
import clearml.migrate.copying.Syncer;
import clearml.migrate.failures.ExitCode;
import clearml.migrate.undo.UndoJournal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code clearml-migrate sync}: {@code copy} again and again, each pass moving only what changed at the source since
 * the last one, whose state the target keeps (through the API: a state file); every flag of {@code copy}, plus
 * {@code --apply-deletes}, {@code --until-quiet} and {@code --state-file}.
 */
@Command(name = "sync", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Copy what changed at the source since the last sync (or copy) of the same selection into the "
                + "same target company: new and changed projects, tasks and models, new events, deletions (with "
                + "--apply-deletes). The first sync copies everything. One undo journal per pass.")
final class SyncCommand extends CopyCommand {

    // picocli writes the annotated fields after construction, so they cannot be final.
    @Option(names = "--apply-deletes", order = 34, description = "Delete on the target what the source deleted since"
            + " the last pass, with its events; otherwise they are only listed.")
    boolean applyDeletes;

    @Option(names = "--until-quiet", paramLabel = "N", defaultValue = "0", order = 35, description = "Run passes "
            + "until one moves fewer than N changes (entities written or deleted; at most 20 passes); 0 runs one "
            + "pass (default: ${DEFAULT-VALUE}).")
    long untilQuiet;

    @Option(names = "--state-file", paramLabel = "FILE", order = 36, description = "With --to-api-host: where the "
            + "source's state the last pass read is kept, since the API gives it no place on the server (default: "
            + "beside the id map, NAME.sync-state.json). A direct target keeps it in its MongoDB.")
    @Nullable Path stateFile;

    SyncCommand(Environment environment) {
        super(environment);
    }

    @Override
    public Integer call() {
        Path first = journal() != null ? journal() : UndoJournal.forRun("sync", Clock.systemUTC());
        CopySettings settings = settings(first, applyDeletes);
        SyncReport report = withStores(settings, (source, sourceEvents, target) ->
                new Syncer(source, sourceEvents, target, VersionProvider.projectVersion()).run(new SyncSettings(
                        settings, sourceName(sourceEvents), untilQuiet, journals(first)), progress()));
        new SyncRendering(report).print(out(), err(), json);
        return report.complete() ? ExitCode.OK.code() : ExitCode.INCOMPLETE.code();
    }

    @Override
    Path stateFile(Path idMapFile) {
        return stateFile != null ? stateFile : super.stateFile(idMapFile);
    }

    /** The first pass's journal as given; pass N's beside it, {@code NAME-N.undo.jsonl.gz}. */
    private static IntFunction<Path> journals(Path first) {
        String stem = stem(first, UndoJournal.SUFFIX);
        return pass -> pass == 1 ? first : first.resolveSibling(stem + "-" + pass + UndoJournal.SUFFIX);
    }
}
