package clearml.migrate.files;

import clearml.migrate.archive.ArtifactsZip;
import clearml.migrate.links.FileServerUrls;
import clearml.migrate.progress.Progress;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Gathers the file-server files that exported entities and events refer to and streams them into the
 * {@code .artifacts} companion zip, under their paths relative to the file-server root (data model §3.10).
 *
 * <p>Use: for every URL {@code LinkScanner.collectUrls} finds in an exported document or event, call
 * {@link #reference}; once the archive is written, call {@link #writeTo}. URLs that {@link FileServerUrls} does
 * not count as file-server URLs are ignored (so {@code s3://} stays out, as in ClearML). Memory holds one entry per
 * distinct path (path, first URL, where it was found), never file contents. Files are stored in path order,
 * each streamed from the store into the zip; a referenced file the store does not have is listed in
 * {@link ArtifactsReport#missing()} and skipped, as ClearML's exporter does, but never silently.
 *
 * <p>{@code copy} and {@code sync} use {@link #transfer} instead of {@link #writeTo}: the same files, streamed from
 * the source store straight into the target store, with no companion in between.
 */
public final class ArtifactCollector {

    private record Reference(String url, String where) {
    }

    private final FileServerUrls fileServerUrls;
    private final Map<String, Reference> paths = new TreeMap<>();
    private final Map<String, MissingFile> unusable = new TreeMap<>();

    public ArtifactCollector(FileServerUrls fileServerUrls) {
        this.fileServerUrls = fileServerUrls;
    }

    /**
     * Notes a URL found in an exported document or event.
     *
     * @param where names the holder for the report, e.g. {@code "task 3f2a…"} or {@code "events of task 3f2a…"}
     * @return true when the URL is a file-server URL (whether or not its path is usable)
     */
    public boolean reference(String url, String where) {
        if (!fileServerUrls.isFileServerUrl(url)) {
            return false;
        }
        Optional<String> path = fileServerUrls.relativePath(url).map(p -> p.replaceAll("/{2,}", "/"));
        if (path.isPresent() && RelativePaths.isSafe(path.get())) {
            paths.putIfAbsent(path.get(), new Reference(url, where));
        } else {
            unusable.putIfAbsent(url, new MissingFile(path.orElse(""), url, where, MissingFile.UNSAFE));
        }
        return true;
    }

    /** Distinct file paths referenced so far. */
    public int referencedFiles() {
        return paths.size();
    }

    /**
     * Streams every referenced file that {@code source} holds into a new companion at {@code companion}
     * (normally {@code ArchiveNaming.artifacts(archive)}); writes nothing when none is found.
     *
     * @throws clearml.migrate.failures.MigrateException when the store fails while reading, or the zip cannot be
     *                                                   written; the partial companion is then removed
     */
    public ArtifactsReport writeTo(FileStore source, Path companion, Progress progress) {
        List<MissingFile> missing = new ArrayList<>(unusable.values());
        long files = 0;
        long bytes = 0;
        Path written = null;
        progress.start("artifacts", paths.size());
        try (ArtifactsZip.Writer zip = ArtifactsZip.create(companion)) {
            for (Map.Entry<String, Reference> entry : paths.entrySet()) {
                long stored = store(source, entry.getKey(), zip);
                if (stored < 0) {
                    missing.add(notFound(entry));
                } else {
                    files++;
                    bytes += stored;
                }
                progress.advance(1);
            }
            if (files > 0) {
                written = zip.finish();
            }
        }
        progress.finish();
        missing.sort((a, b) -> a.path().compareTo(b.path()));
        return new ArtifactsReport(written, files, bytes, missing);
    }

    /**
     * Puts every referenced file that {@code source} holds on {@code target} under {@code prefix} + its path, each
     * streamed store to store; a file the target holds already with the same bytes is left alone, so a rerun
     * places nothing. {@code beforeWrite} gets each target path the put will write (create or replace) before it
     * writes it: an undo journal records it there.
     */
    public TransferReport transfer(FileStore source, FileStore target, String prefix, Consumer<String> beforeWrite,
            Progress progress) {
        List<MissingFile> missing = new ArrayList<>(unusable.values());
        List<String> placed = new ArrayList<>();
        long[] counts = new long[PutOutcome.values().length];
        long bytes = 0;
        progress.start("files", paths.size());
        for (Map.Entry<String, Reference> entry : paths.entrySet()) {
            if (!source.exists(entry.getKey())) {
                missing.add(notFound(entry));
            } else {
                CountedContent content = new CountedContent(source, entry.getKey());
                String path = prefix + entry.getKey();
                counts[target.put(path, content, -1, beforeWrite).ordinal()]++;
                bytes += content.lastCount();
                placed.add(path);
            }
            progress.advance(1);
        }
        progress.finish();
        missing.sort((a, b) -> a.path().compareTo(b.path()));
        return new TransferReport(new PlacementReport(counts[PutOutcome.CREATED.ordinal()],
                counts[PutOutcome.REPLACED.ordinal()], counts[PutOutcome.UNCHANGED.ordinal()], bytes), placed,
                missing);
    }

    private static MissingFile notFound(Map.Entry<String, Reference> entry) {
        return new MissingFile(entry.getKey(), entry.getValue().url(), entry.getValue().where(),
                MissingFile.NOT_FOUND);
    }

    /** One source file as content a put may read more than once; counts the bytes of its last reading. */
    private static final class CountedContent implements FileContent {
        private final FileStore source;
        private final String path;
        private @Nullable Counting last;

        CountedContent(FileStore source, String path) {
            this.source = source;
            this.path = path;
        }

        @Override
        public InputStream open() throws IOException {
            last = new Counting(source.open(path).orElseThrow(() -> new FileNotFoundException(path + " left "
                    + source.location() + " while it was copied")));
            return last;
        }

        long lastCount() {
            return last == null ? 0 : last.count;
        }
    }

    /** The bytes stored for one path, or -1 when the store has no such file. */
    private static long store(FileStore source, String path, ArtifactsZip.Writer zip) {
        Optional<InputStream> content = source.open(path);
        if (content.isEmpty()) {
            return -1;
        }
        try (Counting counting = new Counting(content.get())) {
            zip.add(path, counting);
            return counting.count;
        } catch (IOException e) {
            throw new UncheckedIOException("closing " + path + " of " + source.location(), e);
        }
    }

    private static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b >= 0 ? 1 : 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count += Math.max(n, 0);
            return n;
        }
    }
}
