package clearml.migrate.archive;

import clearml.migrate.failures.ArchiveException;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Writes the documents of one archive entry as ClearML's JSON lines (data model §3.4). Not thread-safe: one
 * thread at a time per entry; different entries may be written by different threads at once. Closing it
 * completes the entry; an entry never closed makes {@link ArchiveWriter#finish} fail.
 *
 * @param <T> {@link org.bson.Document} for entities, Jackson {@code ObjectNode} for events
 */
public final class EntryWriter<T> implements AutoCloseable {

    /** Turns one item into its one-line bytes and checks what the entry requires of it. */
    @FunctionalInterface
    interface Encoder<T> {
        byte[] encode(T item);
    }

    private final String name;
    private final PartOutput out;
    private final JsonLinesWriter lines;
    private final Encoder<T> encoder;
    private final Consumer<PartFile> onClose;
    private final Consumer<String> onDiscard;
    private boolean closed;

    EntryWriter(String name, PartOutput out, Encoder<T> encoder, Consumer<PartFile> onClose, Consumer<String> onDiscard)
            throws IOException {
        this.name = name;
        this.out = out;
        this.lines = new JsonLinesWriter(out);
        this.encoder = encoder;
        this.onClose = onClose;
        this.onDiscard = onDiscard;
    }

    /** The zip entry name this writer fills. */
    public String name() {
        return name;
    }

    /** Appends one document as one line. */
    public void write(T item) {
        byte[] line = encoder.encode(item);
        writeEncoded(line, 0, line.length);
    }

    /**
     * Appends one document already in the entry's one-line form, {@code line[offset, offset + length)}: for events,
     * what a generator of {@link ArchiveJson#lineGenerator} wrote, which escapes every control character, so the
     * line holds no line break and is not searched for one.
     */
    public void writeEncoded(byte[] line, int offset, int length) {
        if (closed) {
            throw new IllegalStateException(name + " is already closed");
        }
        try {
            lines.writeLine(line, offset, length);
        } catch (IOException e) {
            throw new ArchiveException("Cannot write archive entry " + name + " (" + e.getMessage() + "); check free disk space", e);
        }
    }

    /** Documents written so far. */
    public long count() {
        return lines.count();
    }

    /**
     * Drops everything written so far and frees the entry's name, so that the entry can be opened again and written
     * from the start (an export whose source stopped answering mid-entry starts that entry over). Does nothing to
     * an entry already completed.
     */
    public void discard() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.discard();
        } catch (IOException e) {
            throw new ArchiveException("Cannot drop the unfinished archive entry " + name + " (" + e.getMessage()
                    + "); check the disk", e);
        } finally {
            onDiscard.accept(name);
        }
    }

    /** Completes the entry. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lines.end();
            onClose.accept(out.finish(lines.count()));
        } catch (IOException e) {
            throw new ArchiveException("Cannot finish archive entry " + name + " (" + e.getMessage() + "); check free disk space", e);
        }
    }
}
