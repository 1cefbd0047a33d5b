package clearml.migrate.exporting;

import clearml.migrate.archive.ArchiveJson;
import clearml.migrate.archive.ArchivedEvent;
import clearml.migrate.archive.CloseableIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * One entity's events handed from a reader thread to the importing thread: the reader turns each event into its
 * archive line and hands the line over as an archive would (its bytes, its tree parsed when asked for; so the
 * import sees what an archive would give it), and waits while the events queued hold more than
 * {@value #MAX_QUEUED_BYTES} bytes of lines, so reading and writing overlap within bounded memory. A failure of
 * the reader reaches the consumer as it was raised; closing early stops the reader.
 */
final class EventPipe implements CloseableIterator<ArchivedEvent> {

    /** Lines queued at most (one larger event is let through alone). */
    static final long MAX_QUEUED_BYTES = 4L << 20;
    private static final ObjectMapper JSON = ArchiveJson.mapper();

    /** What reads one entity's events into a sink of archive lines. */
    @FunctionalInterface
    interface Reader {
        void read(EventLines.Sink sink);
    }

    private final Deque<Queued> queue = new ArrayDeque<>();
    private long queuedBytes;
    private long consumed;
    private boolean ended;
    private boolean closed;
    private @Nullable RuntimeException failure;

    private EventPipe() {
    }

    static CloseableIterator<ArchivedEvent> empty() {
        EventPipe pipe = new EventPipe();
        pipe.ended = true;
        return pipe;
    }

    static CloseableIterator<ArchivedEvent> start(ExecutorService threads, Reader reader) {
        EventPipe pipe = new EventPipe();
        threads.execute(() -> pipe.run(reader));
        return pipe;
    }

    private void run(Reader reader) {
        try {
            reader.read(this::put);
            finish(null);
        } catch (Closed stopped) {
            finish(null);
        } catch (RuntimeException e) {
            finish(e);
        }
    }

    /** Keeps a copy of the line: an ASCII one (the archive's form escapes the rest) as bytes, any other parsed. */
    private void put(byte[] bytes, int offset, int length) {
        byte[] line = Arrays.copyOfRange(bytes, offset, offset + length);
        enqueue(isAscii(line) ? ArchivedEvent.ofAscii(line, 0, length, () -> parse(line, 0, length))
                : ArchivedEvent.of(parse(line, 0, length)), length);
    }

    private static boolean isAscii(byte[] line) {
        int seen = 0;
        for (byte b : line) {
            seen |= b;
        }
        return seen >= 0;
    }

    private synchronized void enqueue(ArchivedEvent event, int length) {
        while (!closed && queuedBytes > 0 && queuedBytes + length > MAX_QUEUED_BYTES) {
            waitHere();
        }
        if (closed) {
            throw new Closed();
        }
        queue.add(new Queued(event, length));
        queuedBytes += length;
        notifyAll();
    }

    private static ObjectNode parse(byte[] bytes, int offset, int length) {
        try {
            return (ObjectNode) JSON.readTree(bytes, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void finish(@Nullable RuntimeException e) {
        failure = e;
        ended = true;
        notifyAll();
    }

    @Override
    public synchronized boolean hasNext() {
        while (queue.isEmpty() && !ended) {
            waitHere();
        }
        if (queue.isEmpty() && failure != null) {
            throw failure;
        }
        return !queue.isEmpty();
    }

    @Override
    public synchronized ArchivedEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Queued item = queue.poll();
        queuedBytes -= item.bytes();
        consumed += item.bytes();
        notifyAll();
        return item.event();
    }

    @Override
    public synchronized long consumed() {
        return consumed;
    }

    @Override
    public synchronized void close() {
        closed = true;
        queue.clear();
        queuedBytes = 0;
        notifyAll();
    }

    private void waitHere() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
            throw new IllegalStateException("interrupted while copying events", e);
        }
    }

    /** An event and the bytes of its line. */
    private record Queued(ArchivedEvent event, long bytes) {
    }

    /** Thrown into the reader when the consumer closed the pipe early. */
    private static final class Closed extends RuntimeException {
        Closed() {
            super(null, null, false, false);
        }
    }

    /** The export's own receiver: each event made into its archive line by {@link EventLines}. */
    record Lines(EventLines lines, EventLines.Sink sink) implements EventSource.Receiver {

        @Override
        public void stored(byte[] source, int offset, int length) throws IOException {
            lines.copy(source, offset, length, sink);
        }

        @Override
        public void tree(ObjectNode event) {
            lines.write(event, sink);
        }

        @Override
        public long bytes() {
            return lines.bytes();
        }
    }
}
