package clearml.migrate.cli;

import clearml.migrate.api.ApiClient;
import clearml.migrate.apisource.ApiSource;
import clearml.migrate.apitarget.IdMap;
import clearml.migrate.archive.ArchiveNaming;
import clearml.migrate.archive.EntryCompression;
import clearml.migrate.copying.CopyReport;
import clearml.migrate.copying.CopySettings;
import clearml.migrate.copying.Copier;
import clearml.migrate.copying.CopyTarget;
import clearml.migrate.copying.SyncKey;
import clearml.migrate.copying.FileServers;
import clearml.migrate.events.ElasticClient;
import clearml.migrate.events.EventStore;
import clearml.migrate.exporting.DirectSource;
import clearml.migrate.exporting.ExportSettings;
import clearml.migrate.exporting.ExportSource;
import clearml.migrate.failures.ExitCode;
import clearml.migrate.failures.UsageException;
import clearml.migrate.files.FileServerToken;
import clearml.migrate.files.FileStore;
import clearml.migrate.files.FileStores;
import clearml.migrate.importing.ImportSettings;
import clearml.migrate.links.FileServerUrls;
import clearml.migrate.links.UrlMap;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.moving.EventsVia;
import clearml.migrate.progress.Progress;
import clearml.migrate.undo.UndoJournal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code clearml-migrate copy}: a selection from a source server into a target server in one run, no archive on disk.
 * The export's selection flags, the import's target flags ({@code --company} is the source company to select, so
 * the import's is {@code --target-company}), the source's connection flags prefixed {@code --from-} and the target's
 * {@code --to-}, declared once in their classes and renamed here ({@link PrefixedOptions}). The target is reached
 * directly or, with {@code --to-api-host}, through its REST API ({@link CopyTargetStores}).
 */
@Command(name = "copy", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Copy projects or experiments, with their models and events, from a source server (--from-*) "
                + "into a target server (--to-*) in one run, with no archive on disk: export + import with the same "
                + "rules, an undo journal, and a verify at the end. Source and target may be one server (another "
                + "--target-company).")
class CopyCommand implements Callable<Integer> {

    private final Environment environment;
    private final ConnectionOptions from;
    private final ConnectionOptions to;
    private final ApiOptions fromApi;
    private final ApiOptions toApi;
    private final ImportChoices choices = new ImportChoices();

    // picocli writes the annotated fields after construction, so they cannot be final.
    @Mixin
    SelectionFlags selection = new SelectionFlags();

    @Option(names = "--with-credentials", order = 16, description = "With --users: copy the users' API "
            + "credentials too.")
    boolean withCredentials;

    @Mixin
    ImportPolicies policies = new ImportPolicies();

    @Option(names = "--artifacts-from", paramLabel = "DIR|URL", order = 17, description = "The source's file "
            + "server (its data directory or URL): with --artifacts-to, the artifacts, models and debug samples the "
            + "copied documents and events refer to move from it to the target's file server, file by file.")
    @Nullable String artifactsFrom;

    @Option(names = "--journal", paramLabel = "FILE", order = 30, description = "Where to write the undo journal "
            + "(default: copy-<yyyyMMdd-HHmmss>.undo.jsonl.gz in the working directory); 'clearml-migrate undo FILE'"
            + " takes the copy back.")
    @Nullable Path journal;

    @Option(names = "--id-map", paramLabel = "FILE", order = 30, description = "With --to-api-host: where the "
            + "map of source ids to the server's ids is kept (default: beside --journal as NAME.ids.jsonl, else "
            + "api-copy-<digest of source, selection and target>.ids.jsonl in the working directory, so a rerun finds"
            + " it); a rerun updates what it names instead of creating it again, and 'clearml-migrate undo "
            + "--api-host URL FILE' deletes it.")
    @Nullable Path idMap;

    @Option(names = "--events-via", paramLabel = "auto|reindex|stream", defaultValue = "auto", order = 31,
            description = "How events travel when both servers are reached directly: auto (the target engine pulls "
                    + "them with _reindex from the remote source when it may, else streamed through the tool, and "
                    + "says why), reindex, or stream (default: ${DEFAULT-VALUE}). Through the API they stream.")
    String eventsVia = "auto";

    @Option(names = "--no-verify", order = 32, description = "Do not compare the target with the source at the end.")
    boolean noVerify;

    @Option(names = "--json", order = 33, description = "Print the report as JSON on stdout.")
    boolean json;

    @Mixin
    @Nullable ProgressOptions progress;

    @Spec
    @Nullable CommandSpec command;

    CopyCommand(Environment environment) {
        this.environment = environment;
        this.from = new ConnectionOptions(environment);
        this.to = new ConnectionOptions(environment);
        this.fromApi = new ApiOptions(environment);
        this.toApi = new ApiOptions(environment);
    }

    /** Declares the renamed flags on the command {@code line} built for this instance. */
    void declarePrefixed(CommandLine line) {
        CommandSpec spec = line.getCommandSpec();
        PrefixedOptions.add(spec, choices, name -> name.equals("--company") ? "--target-company" : name,
                CommandLine.defaultFactory());
        PrefixedOptions.add(spec, from, "--from-", CommandLine.defaultFactory());
        PrefixedOptions.add(spec, fromApi, "--from-", CommandLine.defaultFactory());
        PrefixedOptions.add(spec, to, "--to-", CommandLine.defaultFactory());
        PrefixedOptions.add(spec, toApi, "--to-", CommandLine.defaultFactory());
        from.reportTo(spec);
        to.reportTo(spec);
        fromApi.reportTo(spec, "--from-");
        toApi.reportTo(spec, "--to-");
    }

    @Override
    public Integer call() {
        CopySettings settings = settings(journal != null ? journal : UndoJournal.forRun("copy", Clock.systemUTC()));
        CopyReport report = withStores(settings, (source, sourceEvents, target) ->
                new Copier(source, sourceEvents, target, VersionProvider.projectVersion()).run(settings, progress()));
        new CopyRendering(report).print(out(), err(), json);
        CopyRendering.printUndoHint(err(), report);
        return report.complete() ? ExitCode.OK.code() : ExitCode.INCOMPLETE.code();
    }

    /** What a command does with the source (and its engine, when reached directly) and the target's adapter. */
    @FunctionalInterface
    interface Work<T> {
        T with(ExportSource source, @Nullable EventStore sourceEvents, CopyTarget target);
    }

    /**
     * Opens the target (directly or through its API, with its file server), the source's file server, then the
     * source directly or through its API, and runs {@code work} on them.
     */
    <T> T withStores(CopySettings settings, Work<T> work) {
        String token = FileServerToken.resolve(environment.variables(), null);
        try (CopyTargetStores target = CopyTargetStores.open(to, toApi, choices.artifactsTo(null),
                artifactsFrom != null, token);
                FileStore sourceFiles = artifactsFrom == null ? null
                        : FileStores.open(artifactsFrom, token, from.retryFor())) {
            FileServers files = sourceFiles == null ? null : new FileServers(sourceFiles,
                    Objects.requireNonNull(target.files()), choices.artifactsLayout(null));
            if (fromApi.given()) {
                try (ApiClient client = new ApiClient(fromApi.settings())) {
                    return work.with(new ApiSource(client), null, adapter(target, files, settings, null));
                }
            }
            try (ClearmlMongo mongo = ClearmlMongo.open(from.mongoSettings());
                    ElasticClient elastic = new ElasticClient(from.elasticSettings())) {
                mongo.requireClearml();
                EventStore sourceEvents = new EventStore(elastic);
                return work.with(new DirectSource(mongo, sourceEvents), sourceEvents,
                        adapter(target, files, settings, sourceEvents));
            }
        }
    }

    private CopyTarget adapter(CopyTargetStores target, @Nullable FileServers files, CopySettings settings,
            @Nullable EventStore sourceEvents) {
        Path map = idMapFile(target, settings, sourceName(sourceEvents));
        return target.adapter(files, map, stateFile(map), Clock.systemUTC());
    }

    /**
     * Through the API, the copy's id map: {@code --id-map}, else beside {@code --journal}, else named after the
     * source, the selection and the target, so that running the same copy (or a sync of it) again in the same
     * directory finds it and creates nothing twice.
     */
    private Path idMapFile(CopyTargetStores target, CopySettings settings, String sourceName) {
        if (idMap != null) {
            return idMap;
        }
        if (journal != null) {
            return journal.resolveSibling(stem(journal, UndoJournal.SUFFIX) + IdMap.SUFFIX);
        }
        String company = settings.target().company() == null ? "" : settings.target().company();
        return Path.of("api-copy-" + new SyncKey(sourceName, settings.export().selection().toString(),
                target.apiHost() + " " + company).id().substring(0, 12) + IdMap.SUFFIX);
    }

    /** Where a sync through the API keeps its state: beside the id map unless a command says otherwise. */
    Path stateFile(Path idMapFile) {
        return idMapFile.resolveSibling(stem(idMapFile, IdMap.SUFFIX) + ".sync-state.json");
    }

    /** The file's name without {@code suffix}: {@code copy} of {@code copy.undo.jsonl.gz}. */
    static String stem(Path file, String suffix) {
        String name = file.getFileName().toString();
        return name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
    }

    /** The source as a sync's state names it: its API host, or its search engine's address (no credentials). */
    String sourceName(@Nullable EventStore sourceEvents) {
        return sourceEvents != null ? sourceEvents.client().currentHost().toString() : "api " + fromApi.settings()
                .apiHost();
    }

    /** The settings these flags ask for; bad combinations fail here, before any store is touched. */
    CopySettings settings(Path journalFile) {
        return settings(journalFile, false);
    }

    /** The settings of a copy, or of a sync pass that applies the source's deletions. */
    CopySettings settings(Path journalFile, boolean applyDeletes) {
        // Through the API, --artifacts-to defaults to the server's own file server (as import --api-host's does).
        if (artifactsFrom == null ? choices.artifactsTo != null : choices.artifactsTo == null && !toApi.given()) {
            throw new UsageException("--artifacts-from and --artifacts-to go together: give the source's file server"
                    + " and the target's (each a data directory or URL), or neither");
        }
        String run = journalFile.getFileName().toString().replace(UndoJournal.SUFFIX, "");
        ImportSettings target = policies.applyTo(ImportSettings.defaults(Path.of(run), choices.company(null),
                        choices.user(null))).withNewIds(choices.newIds(null)).withUsers(choices.users(null))
                .withArtifactsTo(choices.artifactsTo(null), choices.artifactsLayout(null))
                .withUrlMap(choices.urlMap(null)).withUndoLog(journalFile)
                .withTargetVersion(choices.targetVersion(null)).withApplyDeletes(applyDeletes);
        // --url-map applies once, on the import's side; the export reads the source as it is.
        ExportSettings export = new ExportSettings(selection.request(), Path.of(ArchiveNaming.DEFAULT_BASE),
                !selection.noEvents, choices.users(null), withCredentials, false, UrlMap.empty(),
                ExportSettings.DEFAULT_WORKERS, FileServerUrls.heuristic(), null, EntryCompression.DEFLATE, null);
        return new CopySettings(export, target, KebabChoice.parse(EventsVia.class, "--events-via", eventsVia),
                !noVerify);
    }

    @Nullable Path journal() {
        return journal;
    }

    Progress progress() {
        return Injected.required(progress, "progress options").progress();
    }

    PrintWriter out() {
        return Injected.required(command, "command spec").commandLine().getOut();
    }

    PrintWriter err() {
        return Injected.required(command, "command spec").commandLine().getErr();
    }
}
