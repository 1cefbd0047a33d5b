package clearml.migrate.archive;

import clearml.migrate.failures.ArchiveException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;

/**
 * The {@code .artifacts} companion zip (data model §3.10): file-server files stored under their paths relative
 * to the file server's root. Written with DEFLATE (Python reads it); read with any method ClearML uses. Entry
 * names come from outside, so extraction refuses any name that would leave the target directory.
 */
public final class ArtifactsZip {

    private ArtifactsZip() {
    }

    /** Starts writing a companion zip; it appears under {@code target} only when {@link Writer#finish()} ran. */
    public static Writer create(Path target) {
        return new Writer(target);
    }

    /** The entry names (relative file-server paths) of a companion zip, in stored order. */
    public static List<String> entryNames(Path artifacts) {
        try (ZipFile zip = open(artifacts)) {
            List<String> names = new ArrayList<>();
            Collections.list(zip.getEntriesInPhysicalOrder()).forEach(e -> names.add(e.getName()));
            return names;
        } catch (IOException e) {
            throw unreadable(artifacts, e);
        }
    }

    /**
     * Extracts every file into {@code targetDir}, streaming, overwriting files of the same path, as ClearML's
     * importer does. Fails before writing anything when a name is absolute or contains {@code ..}.
     *
     * @return the files written
     */
    public static List<Path> extract(Path artifacts, Path targetDir, ArchiveLimits limits) {
        try (ZipFile zip = open(artifacts)) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntriesInPhysicalOrder());
            Path root = targetDir.toAbsolutePath().normalize();
            entries.forEach(entry -> safeTarget(artifacts, root, entry.getName()));
            List<Path> written = new ArrayList<>();
            for (ZipArchiveEntry entry : entries) {
                if (!entry.isDirectory()) {
                    written.add(extractOne(zip, entry, safeTarget(artifacts, root, entry.getName()), limits));
                }
            }
            return written;
        } catch (IOException e) {
            throw unreadable(artifacts, e);
        }
    }

    private static Path extractOne(ZipFile zip, ZipArchiveEntry entry, Path target, ArchiveLimits limits)
            throws IOException {
        Files.createDirectories(target.getParent());
        try (InputStream in = new BoundedInputStream(zip.getInputStream(entry), limits.maxEntryBytes(),
                "limit for one entry")) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static Path safeTarget(Path artifacts, Path root, String name) {
        String relative = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        Path target = root.resolve(relative).normalize();
        if (!SafeNames.isSafeRelativePath(relative) || !target.startsWith(root) || target.equals(root)) {
            throw new ArchiveException("Artifacts archive " + artifacts + ", entry " + name.replaceAll("\\p{Cntrl}", "?")
                    + ": unsafe name (absolute or leaving the target directory); refusing to extract");
        }
        return target;
    }

    private static ZipFile open(Path artifacts) throws IOException {
        return ZipFile.builder().setPath(artifacts).get();
    }

    private static ArchiveException unreadable(Path artifacts, IOException e) {
        return new ArchiveException("Artifacts archive " + artifacts + " cannot be read (" + e.getMessage()
                + "); it may be truncated or corrupt", e);
    }

    /** Adds files one at a time, streaming each from disk; closing without finishing deletes the partial zip. */
    public static final class Writer implements AutoCloseable {
        private final Path target;
        private final Path temp;
        private final ZipArchiveOutputStream zip;
        private final List<String> names = new ArrayList<>();
        private boolean finished;

        private Writer(Path target) {
            this.target = target;
            try {
                this.temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".clearml-migrate-", ".artifacts.tmp");
                this.zip = new ZipArchiveOutputStream(temp);
                zip.setUseZip64(org.apache.commons.compress.archivers.zip.Zip64Mode.AsNeeded);
            } catch (IOException e) {
                throw new ArchiveException("Cannot write " + target + " (" + e.getMessage() + ")", e);
            }
        }

        /** Stores the file {@code source} under the file-server-relative path {@code relativePath}. */
        public void add(String relativePath, Path source) {
            try (InputStream in = Files.newInputStream(source)) {
                add(relativePath, in);
            } catch (IOException e) {
                throw new ArchiveException("Cannot read " + source + " for " + target + " (" + e.getMessage() + ")", e);
            }
        }

        /** Stores what {@code content} holds, streaming (for example an HTTP download), under {@code relativePath}. */
        public void add(String relativePath, InputStream content) {
            if (!SafeNames.isSafeRelativePath(relativePath)) {
                throw new IllegalArgumentException("not a safe relative path: " + relativePath);
            }
            ZipArchiveEntry entry = new ZipArchiveEntry(relativePath);
            entry.setMethod(ZipMethod.DEFLATED.getCode());
            try {
                zip.putArchiveEntry(entry);
                content.transferTo(zip);
                zip.closeArchiveEntry();
                names.add(relativePath);
            } catch (IOException e) {
                throw new ArchiveException("Cannot write " + relativePath + " into " + target + " (" + e.getMessage()
                        + "); check free disk space", e);
            }
        }

        /** The paths added so far. */
        public List<String> names() {
            return List.copyOf(names);
        }

        /** Completes the zip and moves it to its name. */
        public Path finish() {
            try {
                zip.close();
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                finished = true;
                return target;
            } catch (IOException e) {
                throw new ArchiveException("Cannot write " + target + " (" + e.getMessage() + ")", e);
            }
        }

        @Override
        public void close() {
            if (finished) {
                return;
            }
            try {
                zip.close();
            } catch (IOException ignored) {
                // The partial zip is deleted next; its close failing does not matter.
            }
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("deleting " + temp, e);
            }
        }
    }
}
