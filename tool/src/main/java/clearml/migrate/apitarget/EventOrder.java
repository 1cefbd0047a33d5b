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
 * One entity's events in (iteration, timestamp) order, ties in the order they were added, in bounded memory. An
 * archive holds them in the order of their index (ClearML's exporter: by {@code timestamp}, data model §3.3), not
 * by iteration, so they are sorted here: in runs of at most {@code runBytes} bytes of JSON, each run sorted; once a
 * second run is needed every run goes to a temp file (JSON lines, {@link ApiJson}, so {@code NaN} survives) and the
 * runs are merged. Memory: one run, and one event per run while merging. The caller closes it, which deletes the
 * files.
 */
final class EventOrder implements Closeable {

    static final Comparator<ObjectNode> ORDER = Comparator.comparingLong((ObjectNode e) -> e.path("iter").asLong())
            .thenComparingLong(e -> e.path("timestamp").asLong());

    private final long runBytes;
    private final List<Path> runs = new ArrayList<>();
    private final List<BufferedReader> readers = new ArrayList<>();
    private List<ObjectNode> run = new ArrayList<>();
    private long bytes;

    EventOrder(long runBytes) {
        this.runBytes = runBytes;
    }

    /** Runs of a 1/16 share of the heap (a parsed event takes several times its JSON), 1 to 32 MiB. */
    static EventOrder sizedFromHeap() {
        return new EventOrder(MemoryBudget.share(16, 1 << 20, 32 << 20));
    }

    void add(ObjectNode event, long size) {
        if (!run.isEmpty() && bytes + size > runBytes) {
            spill();
        }
        run.add(event);
        bytes += size;
    }

    /** The events added, in order; once. */
    Iterator<ObjectNode> sorted() {
        if (runs.isEmpty()) {
            run.sort(ORDER);
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
        run.sort(ORDER);
        try {
            Path file = Files.createTempFile("clearml-migrate-events-", ".jsonl");
            runs.add(file);
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (ObjectNode event : run) {
                    out.write(ApiJson.MAPPER.writeValueAsString(event));
                    out.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run = new ArrayList<>();
        bytes = 0;
    }

    /** A k-way merge; a tie goes to the earlier run, which holds the earlier added events. */
    private Iterator<ObjectNode> merged() {
        PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::event, ORDER)
                .thenComparingInt(Head::run));
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
            public ObjectNode next() {
                Head head = heads.poll();
                if (head == null) {
                    throw new NoSuchElementException();
                }
                advance(head.run(), heads);
                return head.event();
            }
        };
    }

    private void advance(int index, PriorityQueue<Head> heads) {
        try {
            String line = readers.get(index).readLine();
            if (line != null) {
                heads.add(new Head((ObjectNode) ApiJson.MAPPER.readTree(line), index));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next event of one run. */
    private record Head(ObjectNode event, int run) {
    }
}
