package clearml.migrate.undo;

import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.failures.ArchiveException;
import clearml.migrate.failures.UsageException;
import clearml.migrate.undo.JournalRecord.Header;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads an undo journal's records in the order they were written, the {@link Header} first. A journal whose
 * writer was killed ends in a cut member: the reader stops at the last complete record and {@link #truncated()}
 * says so. Memory: one record. Not thread-safe.
 */
public final class JournalReader implements CloseableIterator<JournalRecord> {

    private final Path file;
    private final JournalLines lines;
    private final JournalCodec codec = new JournalCodec();
    private final Header header;
    private @Nullable JournalRecord next;
    private long read;

    private JournalReader(Path file, JournalLines lines) {
        this.file = file;
        this.lines = lines;
        JournalRecord first = advance();
        if (!(first instanceof Header h)) {
            close();
            throw new ArchiveException(file + " is not an undo journal (it does not begin with a journal header) — "
                    + "give the " + UndoJournal.SUFFIX + " file the import or relink wrote");
        }
        this.header = h;
        this.next = advance();
    }

    /**
     * Opens a journal and reads its header.
     *
     * @throws UsageException when the file is missing
     * @throws ArchiveException when it is no undo journal or one of a newer format
     */
    public static JournalReader open(Path file) {
        try {
            GZIPInputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), 1 << 16);
            return new JournalReader(file, new JournalLines(in));
        } catch (NoSuchFileException e) {
            throw new UsageException("The undo journal " + file + " does not exist — give the file the import or "
                    + "relink wrote", e);
        } catch (IOException e) {
            throw new ArchiveException(file + " is not an undo journal (" + e.getMessage() + ") — give the "
                    + UndoJournal.SUFFIX + " file the import or relink wrote", e);
        }
    }

    public Header header() {
        return header;
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public JournalRecord next() {
        JournalRecord current = next;
        if (current == null) {
            throw new NoSuchElementException("No more journal records");
        }
        next = advance();
        return current;
    }

    /** Whether the journal ended inside a record: its writer was interrupted. Meaningful once read to the end. */
    public boolean truncated() {
        return lines.truncated();
    }

    private @Nullable JournalRecord advance() {
        String line = lines.next();
        if (line == null) {
            return null;
        }
        read++;
        try {
            return codec.read(line);
        } catch (IllegalArgumentException e) {
            close();
            throw new ArchiveException("The undo journal " + file + " is damaged at record " + read + ": "
                    + e.getMessage() + " — it cannot be used to undo", e);
        }
    }

    @Override
    public void close() {
        try {
            lines.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
