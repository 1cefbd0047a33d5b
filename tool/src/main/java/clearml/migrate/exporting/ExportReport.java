package clearml.migrate.exporting;

import clearml.migrate.files.MissingFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one {@code export} run did: the files, what they hold, what the selection skipped and which URLs changed.
 * Holds no secret.
 *
 * @param archives one entry per archive written or found up to date
 * @param skippedForStatus tasks of the selected projects left out because of their status
 * @param skippedArchived tasks of the selected projects left out because they are archived
 * @param linkChanges URLs rewritten by {@code --url-map}, per place name (e.g. {@code model.uri})
 * @param forClearml the ClearML release the archives are for ({@code --for-clearml}), or null
 * @param leftOut what that release's importer cannot read and was left out: per {@code collection.field} the
 *     documents that had it, and {@code users.json} with its users
 * @param warnings things the user should know, one line each
 * @param notReturned what the source could not give (through the REST API: fields it does not return), per item,
 *     with how many entities or users it was missing from; empty for a direct export
 * @param delta what makes the archive a delta ({@code --since}), or null for a full export
 */
public record ExportReport(List<Archive> archives, long skippedForStatus, long skippedArchived,
                           Map<String, Long> linkChanges, @Nullable String forClearml, Map<String, Long> leftOut,
                           List<String> warnings, Map<String, Long> notReturned, @Nullable Delta delta) {

    /**
     * A delta archive's base and what it changes besides the entities it holds.
     *
     * @param base the base archive
     * @param baseId the base's archive id
     * @param deleted entities gone since the base (listed in the metadata)
     * @param eventsAppended tasks and models whose entry holds only events added since the base
     * @param eventsReplaced tasks and models whose entry holds all their events, replacing the stored ones
     */
    public record Delta(Path base, String baseId, long deleted, long eventsAppended, long eventsReplaced) {
    }

    public ExportReport {
        archives = List.copyOf(archives);
        linkChanges = Map.copyOf(linkChanges);
        leftOut = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(leftOut));
        warnings = List.copyOf(warnings);
        notReturned = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(notReturned));
    }

    /** A report of a source that gave everything. */
    public ExportReport(List<Archive> archives, long skippedForStatus, long skippedArchived,
                        Map<String, Long> linkChanges, @Nullable String forClearml, Map<String, Long> leftOut,
                        List<String> warnings) {
        this(archives, skippedForStatus, skippedArchived, linkChanges, forClearml, leftOut, warnings, Map.of(), null);
    }

    /**
     * One archive of the run.
     *
     * @param path the zip
     * @param upToDate true when nothing changed since the last export into the same name, so nothing was written
     *     (data model §3.9)
     * @param projects projects written
     * @param tasks tasks written
     * @param models models written
     * @param taskEvents task events written
     * @param modelEvents model events written
     * @param users auth users written to {@code users.json}
     * @param missingModels models referenced by exported tasks that do not exist in the source
     * @param artifacts the {@code .artifacts} companion written, or null
     * @param artifactFiles files stored in the companion
     * @param missingFiles referenced file-server files that could not be stored (not found, or unsafe paths), each
     *     with the URL and the entity that named it: listed, never dropped silently
     */
    public record Archive(Path path, boolean upToDate, long projects, long tasks, long models, long taskEvents,
                          long modelEvents, long users, long missingModels, @Nullable Path artifacts,
                          long artifactFiles, List<MissingFile> missingFiles) {

        public Archive {
            missingFiles = List.copyOf(missingFiles);
        }
    }

    public long tasks() {
        return archives.stream().mapToLong(Archive::tasks).sum();
    }

    public long events() {
        return archives.stream().mapToLong(archive -> archive.taskEvents() + archive.modelEvents()).sum();
    }
}
