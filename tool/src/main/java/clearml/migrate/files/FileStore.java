package clearml.migrate.files;

import java.io.Closeable;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A file server's storage, addressed by paths relative to its root, as ClearML's file server stores them
 * (data model §6.2): {@code <project>/<task name>.<task id>/artifacts/<name>/<file>}, {@code reports/<id>/<file>}.
 *
 * <p>A relative path uses {@code /} separators and has no empty, {@code .} or {@code ..} segment, no backslash,
 * no control character and no leading {@code /} (see {@link RelativePaths}); any other path is refused with an
 * {@link IllegalArgumentException} before the store is touched. Failures the user can act on are
 * {@link clearml.migrate.failures.MigrateException}s naming the store and the path; implementations are not
 * thread-safe unless they say so.
 */
public interface FileStore extends Closeable {

    /** Where the store is, for messages: the directory or the base URL (never a token). */
    String location();

    /** The file's content as a stream the caller closes, or empty when there is no such file. */
    Optional<InputStream> open(String relativePath);

    /** True when a file is stored at the path. */
    boolean exists(String relativePath);

    /**
     * True when the file at the path holds exactly this content, so that {@link #put} would leave it alone.
     *
     * @param size the content's length in bytes, or -1 when unknown
     */
    boolean holds(String relativePath, FileContent content, long size);

    /**
     * Stores the content at the path, creating directories as needed. A file with the same bytes already there is
     * left alone, so a rerun changes nothing; an interrupted put never leaves a partial file under the name.
     *
     * @param content opened once per attempt (a retried upload reads it again)
     * @param size    the content's length in bytes, or -1 when unknown; a content of another length is refused
     */
    default PutOutcome put(String relativePath, FileContent content, long size) {
        return put(relativePath, content, size, path -> { });
    }

    /**
     * Stores the content as {@link #put(String, FileContent, long)} does, deciding with one comparison whether to
     * write: {@code beforeWrite} gets the path just before the file is created or replaced (an undo journal records
     * it there), and is not called when the file holds the content already.
     */
    PutOutcome put(String relativePath, FileContent content, long size, Consumer<String> beforeWrite);

    /** Deletes the file; false when there was none. */
    boolean delete(String relativePath);

    @Override
    void close();
}
