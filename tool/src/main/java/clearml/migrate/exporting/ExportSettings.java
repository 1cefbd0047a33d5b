package clearml.migrate.exporting;

import clearml.migrate.archive.EntryCompression;
import clearml.migrate.failures.UsageException;
import clearml.migrate.links.FileServerUrls;
import clearml.migrate.links.UrlMap;
import clearml.migrate.mongo.ClearmlVersion;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Everything one {@code export} run needs to know, built once by the command line.
 *
 * @param selection what to export
 * @param output the archive to write, or a directory to write {@code export.zip} into; the real file names get
 *     ClearML's {@code _<md5>} suffix (data model §3.1)
 * @param events whether task and model events are written ({@code --no-events} turns them off)
 * @param users whether {@code users.json} is written, and entity owners kept
 * @param withCredentials whether users keep their API credentials (clear-text secrets)
 * @param splitProjects whether each root project gets an archive of its own
 * @param urlMap URL prefixes rewritten on the way out
 * @param workers how many tasks' events are read at once
 * @param fileServerUrls which URLs name files of the source's file server, for the {@code .artifacts} companion
 * @param forClearml the ClearML release whose importer the archive is for ({@code --for-clearml}), or null
 * @param compression how the archive's entries are compressed ({@code --compression})
 * @param since the previous archive (or its {@code .map}) of the same selection to write only the changes since,
 *     or null for a full export ({@code --since})
 */
public record ExportSettings(SelectionRequest selection, Path output, boolean events, boolean users,
                             boolean withCredentials, boolean splitProjects, UrlMap urlMap, int workers,
                             FileServerUrls fileServerUrls, @Nullable ClearmlVersion forClearml,
                             EntryCompression compression, @Nullable Path since) {

    /**
     * Tasks read at once by default: the workers wait on the engine's answers most of the time (a task's events are a
     * few requests), so more than the cores keep it busy; few enough for a small server.
     */
    public static final int DEFAULT_WORKERS = 8;

    /** The oldest release whose importer {@code --for-clearml} has the field tables of ({@code DeclaredFields}). */
    static final ClearmlVersion OLDEST_IMPORTER = new ClearmlVersion(1, 10);

    /** Settings for any importer this tool knows. */
    public ExportSettings(SelectionRequest selection, Path output, boolean events, boolean users,
                          boolean withCredentials, boolean splitProjects, UrlMap urlMap, int workers,
                          FileServerUrls fileServerUrls) {
        this(selection, output, events, users, withCredentials, splitProjects, urlMap, workers, fileServerUrls, null);
    }

    /** Settings of a full export with DEFLATE entries. */
    public ExportSettings(SelectionRequest selection, Path output, boolean events, boolean users,
                          boolean withCredentials, boolean splitProjects, UrlMap urlMap, int workers,
                          FileServerUrls fileServerUrls, @Nullable ClearmlVersion forClearml) {
        this(selection, output, events, users, withCredentials, splitProjects, urlMap, workers, fileServerUrls,
                forClearml, EntryCompression.DEFLATE, null);
    }

    /** These settings with the entries compressed as asked. */
    public ExportSettings withCompression(EntryCompression entries) {
        return new ExportSettings(selection, output, events, users, withCredentials, splitProjects, urlMap, workers,
                fileServerUrls, forClearml, entries, since);
    }

    /** These settings writing only the changes since {@code previous} ({@code --since}), or in full for null. */
    public ExportSettings withSince(@Nullable Path previous) {
        return new ExportSettings(selection, output, events, users, withCredentials, splitProjects, urlMap, workers,
                fileServerUrls, forClearml, compression, previous);
    }

    public ExportSettings {
        if (withCredentials && !users) {
            throw new UsageException("--with-credentials only makes sense with --users; add --users or drop it");
        }
        if (forClearml != null && forClearml.compareTo(OLDEST_IMPORTER) < 0) {
            throw new UsageException("--for-clearml knows the importers of ClearML " + OLDEST_IMPORTER + " and newer,"
                    + " not " + forClearml + "; upgrade the target server, or ask for " + OLDEST_IMPORTER);
        }
        if (since != null && splitProjects) {
            throw new UsageException("--since builds on one archive; it cannot be combined with --split-projects");
        }
        if (workers < 1) {
            throw new UsageException("the number of export workers must be at least 1, not " + workers);
        }
    }
}
