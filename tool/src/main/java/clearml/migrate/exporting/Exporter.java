package clearml.migrate.exporting;

import clearml.migrate.archive.ArchiveNaming;
import clearml.migrate.archive.EntryCompression;
import clearml.migrate.events.EventStore;
import clearml.migrate.failures.SelectionException;
import clearml.migrate.failures.UsageException;
import clearml.migrate.files.FileStore;
import clearml.migrate.links.LinkPlace;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.progress.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code export} use case: resolves the selection, then writes one archive (or one per root project) that
 * ClearML's importer accepts, with the events of every task and model, and returns what it did. Nothing is written
 * when the selection fails. It reads the server only through the {@link ExportSource} port, directly or through the
 * REST API alike. The caller owns the stores.
 */
public final class Exporter {

    private final ExportSource source;
    private final @Nullable FileStore files;
    private final String toolVersion;

    /**
     * @param source the server to export from
     * @param files the source's file server, or null when no {@code .artifacts} companion is wanted
     * @param toolVersion this tool's version, recorded in {@code metadata.json}
     */
    public Exporter(ExportSource source, @Nullable FileStore files, String toolVersion) {
        this.source = source;
        this.files = files;
        this.toolVersion = toolVersion;
    }

    /**
     * An export read directly from a server's stores ({@link DirectSource}).
     *
     * @param events the source's events; null, and never read, when the settings leave events out
     *     ({@code --no-events})
     */
    public Exporter(ClearmlMongo mongo, @Nullable EventStore events, @Nullable FileStore files, String toolVersion) {
        this(new DirectSource(mongo, events), files, toolVersion);
    }

    public ExportReport run(ExportSettings settings, Progress progress) {
        progress.start("select", -1);
        Selection selection = source.select(settings.selection());
        progress.finish();
        if (selection.projects().isEmpty() && selection.tasks().isEmpty() && selection.modelIds().isEmpty()) {
            throw new SelectionException("the selection matches no project, task or model; nothing was written");
        }
        // --no-events is said by the settings alone; the event store is then not read, not even for its version
        EventSource events = settings.events() ? source.events() : null;
        SourceVersions versions = source.versions(settings.events());
        ExportLinks links = new ExportLinks(settings.urlMap());
        SourceUsers users = settings.users()
                ? source.users(settings.selection().company(), settings.withCredentials()) : null;
        DeltaBase since = settings.since() == null ? null : DeltaBase.read(settings.since());
        ArchiveJob job = new ArchiveJob(new ArchiveJob.Context(source, events, files, settings,
                links, users, progress, since));
        List<ExportReport.Archive> archives = new ArrayList<>();
        progress.start("export", events != null ? "events" : "", -1, -1); // each archive adds its events' count
        for (Map.Entry<String, Selection> part : parts(settings, selection).entrySet()) {
            Path requested = requested(settings, part.getKey());
            ExportMetadata metadata = metadata(toolVersion, settings, versions, part.getKey());
            if (since != null) {
                requireSameSelection(since, metadata);
            }
            archives.add(job.run(part.getValue(), requested, metadata));
        }
        progress.finish();
        return new ExportReport(archives, selection.skippedForStatus(), selection.skippedArchived(),
                linkCounts(links), settings.forClearml() == null ? null : settings.forClearml().toString(),
                job.leftOut(), warnings(settings, archives), source.notReturned(), job.delta());
    }

    /** A delta of another selection would report everything outside the base's as new and the rest as deleted. */
    private static void requireSameSelection(DeltaBase since, ExportMetadata metadata) {
        if (!since.selection().equals(metadata.selection())) {
            throw new UsageException("--since " + since.file().getFileName() + " was exported with other selection"
                    + " flags (" + since.selection() + "); give the same flags, or export in full");
        }
    }

    private static Map<String, Selection> parts(ExportSettings settings, Selection selection) {
        return settings.splitProjects() ? selection.splitByRoot() : Map.of("", selection);
    }

    /** {@code export.zip}, or with {@code --split-projects} one name per root project. */
    private static Path requested(ExportSettings settings, String root) {
        return settings.splitProjects() ? ArchiveNaming.splitPart(settings.output(), root)
                : ArchiveNaming.base(settings.output());
    }

    /** {@code metadata.json} of one archive (or a live copy) of {@code settings}, before its entries and state. */
    static ExportMetadata metadata(String toolVersion, ExportSettings settings, SourceVersions versions,
            String root) {
        SelectionRequest request = settings.selection();
        ExportMetadata metadata = new ExportMetadata(toolVersion).source(versions)
                .flag("projects", request.projects())
                .flag("experiments", request.experiments())
                .flag("all", request.all())
                .flag("company", request.company())
                .flag("statuses", List.copyOf(request.filter().statuses().stream().sorted().toList()))
                .flag("include_archived", request.filter().includeArchived())
                .flag("events", settings.events())
                .flag("users", settings.users())
                .flag("with_credentials", settings.withCredentials())
                .flag("url_map", settings.urlMap().prefixes().stream().map(p -> p.from() + "=" + p.to()).toList());
        if (settings.forClearml() != null) {
            metadata.flag("for_clearml", settings.forClearml().toString());
        }
        if (settings.compression() != EntryCompression.DEFLATE) {
            // recorded so that the .map file does not pass a DEFLATE archive off as the one asked for
            metadata.flag("compression", settings.compression().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (settings.splitProjects()) {
            metadata.flag("split_root", root.isEmpty() ? null : root);
        }
        return metadata;
    }

    private static Map<String, Long> linkCounts(ExportLinks links) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<LinkPlace, Long> entry : links.tally().counts().entrySet()) {
            if (entry.getValue() > 0) {
                counts.put(entry.getKey().reportName(), entry.getValue());
            }
        }
        return counts;
    }

    private static List<String> warnings(ExportSettings settings, List<ExportReport.Archive> archives) {
        List<String> warnings = new ArrayList<>();
        if (settings.withCredentials()) {
            warnings.add("users.json holds the users' API keys and secrets in clear text; keep the archive private");
        }
        long missing = archives.stream().mapToLong(ExportReport.Archive::missingModels).sum();
        if (missing > 0) {
            warnings.add(missing + " models referenced by exported tasks do not exist in the source; "
                    + "the tasks keep the dangling references");
        }
        long missingFiles = archives.stream().mapToLong(archive -> archive.missingFiles().size()).sum();
        if (missingFiles > 0) {
            warnings.add(missingFiles + " referenced file-server files were not found in the --artifacts-from store "
                    + "and are not in the .artifacts companion");
        }
        return warnings;
    }
}
