package clearml.migrate.files;

import clearml.migrate.archive.ArchiveLimits;
import clearml.migrate.archive.ArchiveNaming;
import clearml.migrate.failures.ArchiveException;
import clearml.migrate.progress.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * Places the files of an {@code .artifacts} companion (data model §3.10) where a target file server serves
 * them: each entry name is the path under the storage root, with the Enterprise {@code <company id>/} level
 * when {@link ArtifactsLayout#ENTERPRISE} is asked for.
 *
 * <p>Entry names come from outside. All of them are checked before anything is written: one absolute name, one
 * with a {@code ..} or empty segment, a backslash, a drive letter or a control character (NUL included) refuses
 * the whole companion with a line naming the entry. So does an entry whose declared size passes the limit.
 * Files are then put one by one in stored order, each streamed from the zip (BZIP2 as ClearML writes it, or
 * DEFLATE); a file already holding the same bytes is left alone, so a rerun reports everything unchanged.
 */
public final class ArtifactPlacer {

    private final ArchiveLimits limits;

    public ArtifactPlacer(ArchiveLimits limits) {
        this.limits = limits;
    }

    /** The {@code <zip stem>.artifacts} companion next to an archive, when there is one. */
    public static Optional<Path> companionOf(Path archive) {
        Path companion = ArchiveNaming.artifacts(archive);
        return Files.isRegularFile(companion) ? Optional.of(companion) : Optional.empty();
    }

    /**
     * Puts every file of {@code companion} into {@code target}.
     *
     * @param companyId the target company; needed only for {@link ArtifactsLayout#ENTERPRISE}
     * @throws ArchiveException when the companion is unreadable or holds an unsafe or oversized entry (nothing
     *                          written then)
     */
    public PlacementReport place(Path companion, FileStore target, ArtifactsLayout layout,
            @Nullable String companyId, Progress progress) {
        return place(companion, target, layout, companyId, path -> { }, progress);
    }

    /**
     * Puts every file of {@code companion} into {@code target} as {@link #place(Path, FileStore, ArtifactsLayout,
     * String, Progress)} does; {@code beforeWrite} gets each target path just before it is created or replaced (one
     * comparison per file decides), never one the target holds already with the same bytes.
     */
    public PlacementReport place(Path companion, FileStore target, ArtifactsLayout layout,
            @Nullable String companyId, Consumer<String> beforeWrite, Progress progress) {
        String prefix = layout.prefix(target, companyId);
        try (ZipFile zip = ZipFile.builder().setPath(companion).get()) {
            List<ZipArchiveEntry> files = Collections.list(zip.getEntriesInPhysicalOrder()).stream()
                    .filter(entry -> !entry.isDirectory()).toList();
            files.forEach(entry -> check(companion, entry));
            return placeAll(zip, files, target, prefix, beforeWrite, progress);
        } catch (IOException e) {
            throw new ArchiveException("Artifacts archive " + companion + " cannot be read (" + e.getMessage()
                    + "); it may be truncated or corrupt", e);
        }
    }

    /**
     * The paths on {@code target} that {@link #place} would write, in the order it would: every file of the
     * companion except those the target holds already with the same bytes. Checks the entries as {@code place}
     * does; writes nothing. An undo journal records these and only these before the placement.
     *
     * @throws ArchiveException when the companion is unreadable or holds an unsafe or oversized entry
     */
    public List<String> changes(Path companion, FileStore target, ArtifactsLayout layout, @Nullable String companyId) {
        String prefix = layout.prefix(target, companyId);
        try (ZipFile zip = ZipFile.builder().setPath(companion).get()) {
            List<ZipArchiveEntry> files = Collections.list(zip.getEntriesInPhysicalOrder()).stream()
                    .filter(entry -> !entry.isDirectory()).toList();
            files.forEach(entry -> check(companion, entry));
            return files.stream().filter(entry -> !target.holds(prefix + entry.getName(), () -> open(zip, entry),
                    entry.getSize())).map(entry -> prefix + entry.getName()).toList();
        } catch (IOException e) {
            throw new ArchiveException("Artifacts archive " + companion + " cannot be read (" + e.getMessage()
                    + "); it may be truncated or corrupt", e);
        }
    }

    /**
     * Checks every entry of {@code companion} as {@link #place} does, placing nothing: for callers that must refuse
     * a hostile companion before they write anything else.
     *
     * @throws ArchiveException when the companion is unreadable or holds an unsafe or oversized entry
     */
    public void check(Path companion) {
        try (ZipFile zip = ZipFile.builder().setPath(companion).get()) {
            Collections.list(zip.getEntriesInPhysicalOrder()).stream().filter(entry -> !entry.isDirectory())
                    .forEach(entry -> check(companion, entry));
        } catch (IOException e) {
            throw new ArchiveException("Artifacts archive " + companion + " cannot be read (" + e.getMessage()
                    + "); it may be truncated or corrupt", e);
        }
    }

    private PlacementReport placeAll(ZipFile zip, List<ZipArchiveEntry> files, FileStore target, String prefix,
            Consumer<String> beforeWrite, Progress progress) {
        long[] counts = new long[PutOutcome.values().length];
        long bytes = 0;
        progress.start("artifacts", files.size());
        for (ZipArchiveEntry entry : files) {
            PutOutcome outcome = target.put(prefix + entry.getName(), () -> open(zip, entry), entry.getSize(),
                    beforeWrite);
            counts[outcome.ordinal()]++;
            bytes += entry.getSize();
            progress.advance(1);
        }
        progress.finish();
        return new PlacementReport(counts[PutOutcome.CREATED.ordinal()], counts[PutOutcome.REPLACED.ordinal()],
                counts[PutOutcome.UNCHANGED.ordinal()], bytes);
    }

    private void check(Path companion, ZipArchiveEntry entry) {
        String name = entry.getName();
        if (!RelativePaths.isSafe(name)) {
            throw new ArchiveException("Artifacts archive " + companion + ", entry " + RelativePaths.printable(name)
                    + ": unsafe name (absolute, '..', backslash or control character); refusing to place any file");
        }
        if (entry.getSize() < 0 || entry.getSize() > limits.maxEntryBytes()) {
            throw new ArchiveException("Artifacts archive " + companion + ", entry " + RelativePaths.printable(name)
                    + ": declared size " + entry.getSize() + " is unknown or above the limit of "
                    + limits.maxEntryBytes() + " bytes; refusing to place any file");
        }
    }

    // The store refuses content longer or shorter than the declared size, which bounds a lying entry.
    private static InputStream open(ZipFile zip, ZipArchiveEntry entry) throws IOException {
        return zip.getInputStream(entry);
    }
}
