package clearml.migrate.archive;

import clearml.migrate.failures.ArchiveException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/** Streams the documents of one archive entry, one per line, turning every problem into an ArchiveException. */
final class EntryIterator<T> implements CloseableIterator<T> {

    /** Turns one stripped line into an item; throws IllegalArgumentException when the line is not one. */
    @FunctionalInterface
    interface LineParser<T> {
        T parse(ArchiveLine line, long lineNumber);
    }

    private final InputStream in;
    private final JsonLines lines;
    private final LineParser<T> parser;
    private final String where;
    private @Nullable T next;
    private long nextChars;
    private long consumed;

    EntryIterator(InputStream in, int maxLineBytes, LineParser<T> parser, String where) {
        this.in = in;
        this.lines = new JsonLines(in, maxLineBytes);
        this.parser = parser;
        this.where = where;
    }

    /** An iterator over nothing, for an entry the archive does not have. */
    static <T> EntryIterator<T> empty() {
        return new EntryIterator<>(InputStream.nullInputStream(), 1, (line, n) -> {
            throw new IllegalStateException("an empty entry has no lines");
        }, "empty");
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = readNext();
        }
        return next != null;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException(where);
        }
        T item = next;
        next = null;
        consumed += nextChars;
        return item;
    }

    private @Nullable T readNext() {
        ArchiveLine line = readLine();
        if (line == null) {
            return null;
        }
        nextChars = line.chars() + 1L; // and its line break
        try {
            return parser.parse(line, lines.lineNumber());
        } catch (IllegalArgumentException e) {
            throw badLine(where, lines.lineNumber(), e);
        }
    }

    /** The failure of a line that is not one item, {@code where} naming the archive and entry. */
    static ArchiveException badLine(String where, long lineNumber, IllegalArgumentException e) {
        return new ArchiveException(where + ", line " + lineNumber + ": " + e.getMessage()
                + "; ClearML archives hold exactly one JSON document per line, re-export the archive", e);
    }

    private @Nullable ArchiveLine readLine() {
        try {
            return lines.next();
        } catch (IOException e) {
            throw new ArchiveException(where + ", near line " + lines.lineNumber() + ": cannot read ("
                    + ExtendedJson.firstLine(e.getMessage()) + "); the archive is damaged or hostile", e);
        }
    }

    @Override
    public long consumed() {
        return consumed;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(where, e);
        }
    }
}
