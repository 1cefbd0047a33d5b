package clearml.migrate.copying;

import clearml.migrate.archive.ArchiveLineage;
import clearml.migrate.events.EventStore;
import clearml.migrate.exporting.LiveExport;
import clearml.migrate.progress.Progress;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The target port as {@code copy} and {@code sync} meet it: a server reached directly ({@link DirectCopyTarget}:
 * the import's pipeline, its undo journal, the sync state in the target's MongoDB) or through its REST API
 * ({@link ApiCopyTarget}: the API import, its id map, the sync state in a file). {@link Copier} and {@link Syncer}
 * read the source and leave every difference between the two to this one seam.
 */
public interface CopyTarget {

    /**
     * The source's search engine when events move engine to engine (the content then holds none), else null;
     * refuses, in one line and before anything is read, what this target cannot do with {@code settings}.
     *
     * @param sourceEvents the source's search engine when the source is reached directly, else null
     */
    @Nullable EventStore eventsApartFrom(CopySettings settings, @Nullable EventStore sourceEvents);

    /** Whether the file-server files move too ({@code --artifacts-from} and {@code --artifacts-to}). */
    boolean copiesFiles();

    /**
     * Whether a delta must bring every changed task and model whole, all its events included, because this target
     * rewrites a changed entity rather than appending to it.
     */
    boolean rewritesChangedWhole();

    /** The lineage the last pass of this sync recorded; empty before the first pass. */
    Optional<ArchiveLineage> lastPass(SyncKey key);

    /**
     * Writes {@code content} (a copy, or a sync pass) into the target and verifies it unless asked not to.
     *
     * @param apartFrom what {@link #eventsApartFrom} answered
     * @param recordAs the sync whose state the pass records once everything is written; null for a copy
     */
    CopyReport write(LiveExport content, CopySettings settings, @Nullable EventStore apartFrom,
            @Nullable SyncKey recordAs, Progress progress);
}
