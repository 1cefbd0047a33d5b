package clearml.migrate.importing;

import clearml.migrate.files.ArtifactsLayout;
import clearml.migrate.links.UrlMap;
import clearml.migrate.mongo.ClearmlVersion;
import clearml.migrate.undo.UndoJournal;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * What {@code clearml-migrate import} is asked to do (design.md §2), built once by the command line.
 *
 * @param archive         the archive to import
 * @param company         the target company, or null for public read-only "Examples" (company {@code ""})
 * @param user            the owner of every entity whose archived owner is not mapped, or null (data model §5.1)
 * @param dryRun          read, validate and plan against the target, write nothing
 * @param onConflict      what to do with an entity whose id the target has
 * @param onProjectName   what to do with a project whose name another target project has
 * @param newIds          give every imported entity a fresh id
 * @param importUsers     import {@code users.json}
 * @param artifactsTo     the file server (its data directory or URL) to place the {@code .artifacts} companion's
 *                        files on, or null; the command line opens it and hands it to the {@link Importer}
 * @param artifactsLayout where under {@code artifactsTo} the files go: flat, or per company as ClearML Enterprise
 * @param urlMap          the URL prefixes to rewrite on the way in
 * @param undoLog         the undo journal to write, or null for {@code <archive>.undo.jsonl.gz} beside the archive
 *                        ({@code .undo-2.jsonl.gz}, ... when taken)
 * @param targetVersion   the target's ClearML release as {@code --target-version} names it, or null to recognise
 *                        its server line from its stores
 * @param applyDeletes    delete what a delta archive lists as deleted at the source ({@code --apply-deletes});
 *                        otherwise those are only reported
 */
public record ImportSettings(Path archive, @Nullable String company, @Nullable String user, boolean dryRun,
        ConflictPolicy onConflict, ProjectNamePolicy onProjectName, boolean newIds, boolean importUsers,
        @Nullable String artifactsTo, ArtifactsLayout artifactsLayout, UrlMap urlMap, @Nullable Path undoLog,
        @Nullable ClearmlVersion targetVersion, boolean applyDeletes) {

    /** Settings that only report a delta's deletions. */
    public ImportSettings(Path archive, @Nullable String company, @Nullable String user, boolean dryRun,
            ConflictPolicy onConflict, ProjectNamePolicy onProjectName, boolean newIds, boolean importUsers,
            @Nullable String artifactsTo, ArtifactsLayout artifactsLayout, UrlMap urlMap, @Nullable Path undoLog,
            @Nullable ClearmlVersion targetVersion) {
        this(archive, company, user, dryRun, onConflict, onProjectName, newIds, importUsers, artifactsTo,
                artifactsLayout, urlMap, undoLog, targetVersion, false);
    }

    /** The defaults of the command line: overwrite, merge, keep ids, no users, no URL rewrite. */
    public static ImportSettings defaults(Path archive, @Nullable String company, @Nullable String user) {
        return new ImportSettings(archive, company, user, false, ConflictPolicy.OVERWRITE, ProjectNamePolicy.MERGE,
                false, false, null, ArtifactsLayout.FLAT, UrlMap.empty(), null, null);
    }

    public ImportSettings withDryRun(boolean value) {
        return new ImportSettings(archive, company, user, value, onConflict, onProjectName, newIds, importUsers,
                artifactsTo, artifactsLayout, urlMap, undoLog, targetVersion, applyDeletes);
    }

    public ImportSettings withConflictPolicies(ConflictPolicy conflict, ProjectNamePolicy projectName) {
        return new ImportSettings(archive, company, user, dryRun, conflict, projectName, newIds, importUsers,
                artifactsTo, artifactsLayout, urlMap, undoLog, targetVersion, applyDeletes);
    }

    public ImportSettings withNewIds(boolean value) {
        return new ImportSettings(archive, company, user, dryRun, onConflict, onProjectName, value, importUsers,
                artifactsTo, artifactsLayout, urlMap, undoLog, targetVersion, applyDeletes);
    }

    public ImportSettings withUsers(boolean value) {
        return new ImportSettings(archive, company, user, dryRun, onConflict, onProjectName, newIds, value,
                artifactsTo, artifactsLayout, urlMap, undoLog, targetVersion, applyDeletes);
    }

    public ImportSettings withUrlMap(UrlMap value) {
        return new ImportSettings(archive, company, user, dryRun, onConflict, onProjectName, newIds, importUsers,
                artifactsTo, artifactsLayout, value, undoLog, targetVersion, applyDeletes);
    }

    public ImportSettings withArtifactsTo(@Nullable String value, ArtifactsLayout layout) {
        return new ImportSettings(archive, company, user, dryRun, onConflict, onProjectName, newIds, importUsers,
                value, layout, urlMap, undoLog, targetVersion, applyDeletes);
    }

    public ImportSettings withUndoLog(@Nullable Path value) {
        return new ImportSettings(archive, company, user, dryRun, onConflict, onProjectName, newIds, importUsers,
                artifactsTo, artifactsLayout, urlMap, value, targetVersion, applyDeletes);
    }

    public ImportSettings withTargetVersion(@Nullable ClearmlVersion value) {
        return new ImportSettings(archive, company, user, dryRun, onConflict, onProjectName, newIds, importUsers,
                artifactsTo, artifactsLayout, urlMap, undoLog, value, applyDeletes);
    }

    public ImportSettings withApplyDeletes(boolean value) {
        return new ImportSettings(archive, company, user, dryRun, onConflict, onProjectName, newIds, importUsers,
                artifactsTo, artifactsLayout, urlMap, undoLog, targetVersion, value);
    }

    /** The undo journal this import writes: {@code --undo-log}, else the first free name beside the archive. */
    public Path undoJournal() {
        return undoLog != null ? undoLog : UndoJournal.freeBesideArchive(archive);
    }
}
