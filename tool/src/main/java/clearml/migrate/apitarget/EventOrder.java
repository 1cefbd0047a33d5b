package clearml.migrate.apitarget;

import clearml.migrate.api.ApiJson;
import clearml.migrate.memory.MemoryBudget;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * One entity's events in (iteration, timestamp) order, ties in the order they were added, in bounded memory; each
 * comes out with its place in the order they were added ({@link Sequenced}). An
 * archive holds them in the order of their index (ClearML's exporter: by {@code timestamp}, data model §3.3), not
 * by iteration, so they are sorted here: in runs of at most {@code runBytes} bytes of JSON, each run sorted; once a
 * second run is needed every run goes to a temp file (JSON lines, {@link ApiJson}, so {@code NaN} survives) and the
 * runs are merged. Memory: one run, and one event per run while merging. The caller closes it, which deletes the
 * files.
 */
final class EventOrder implements Closeable {

    static final Comparator<ObjectNode> ORDER = Comparator.comparingLong((ObjectNode e) -> e.path("iter").asLong())
            .thenComparingLong(e -> e.path("timestamp").asLong());
    private static final Comparator<Sequenced> STABLE = Comparator.comparing(Sequenced::event, ORDER)
            .thenComparingLong(Sequenced::sequence);

    private final long runBytes;
    private final List<Path> runs = new ArrayList<>();
    private final List<BufferedReader> readers = new ArrayList<>();
    private List<Sequenced> run = new ArrayList<>();
    private long bytes;
    private long added;

    EventOrder(long runBytes) {
        this.runBytes = runBytes;
    }

    /** Runs of a 1/16 share of the heap (a parsed event takes several times its JSON), 1 to 32 MiB. */
    static EventOrder sizedFromHeap() {
        return new EventOrder(MemoryBudget.share(16, 1 << 20, 32 << 20));
    }

    /** Adds an event of {@code size} bytes; answers its place in the order of adding, from 0. */
    long add(ObjectNode event, long size) {
        if (!run.isEmpty() && bytes + size > runBytes) {
            spill();
        }
        run.add(new Sequenced(added, event));
        bytes += size;
        return added++;
    }

    /** The events added, in order; once. */
    Iterator<Sequenced> sorted() {
        if (runs.isEmpty()) {
            run.sort(STABLE);
            return run.iterator();
        }
        spill();
        return merged();
    }

    /** Runs spilled to temp files so far. */
    int spilledRuns() {
        return runs.size();
    }

    @Override
    public void close() {
        try {
            for (BufferedReader reader : readers) {
                reader.close();
            }
            for (Path file : runs) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void spill() {
        run.sort(STABLE);
        try {
            Path file = Files.createTempFile("clearml-migrate-events-", ".jsonl");
            runs.add(file);
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (Sequenced entry : run) {
                    out.write(Long.toString(entry.sequence()));
                    out.write(' ');
                    out.write(ApiJson.MAPPER.writeValueAsString(entry.event()));
                    out.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run = new ArrayList<>();
        bytes = 0;
    }

    /** A k-way merge of the runs. */
    private Iterator<Sequenced> merged() {
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::entry, STABLE));
        for (int i = 0; i < runs.size(); i++) {
            try {
                readers.add(Files.newBufferedReader(runs.get(i), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            advance(i, heads);
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public Sequenced next() {
                Head head = heads.poll();
                if (head == null) {
                    throw new NoSuchElementException();
                }
                advance(head.run(), heads);
                return head.entry();
            }
        };
    }

    private void advance(int index, PriorityQueue<Head> heads) {
        try {
            String line = readers.get(index).readLine();
            if (line != null) {
                int space = line.indexOf(' ');
                heads.add(new Head(new Sequenced(Long.parseLong(line.substring(0, space)),
                        (ObjectNode) ApiJson.MAPPER.readTree(line.substring(space + 1))), index));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An event and its place in the order of adding. */
    record Sequenced(long sequence, ObjectNode event) {
    }

    /** The next event of one run. */
    private record Head(Sequenced entry, int run) {
    }
}
