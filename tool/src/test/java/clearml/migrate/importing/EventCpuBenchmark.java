package clearml.migrate.importing;

import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.ArchivedEvent;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.mongo.ServerGeneration;
import clearml.migrate.links.UrlMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The import's CPU per event without an engine, run by hand (not a test; in this package for the package-private
 * {@link EventPreparation}): {@code java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx180m -cp …
 * clearml.migrate.importing.EventCpuBenchmark ARCHIVE [PASSES [tree]]}. Each pass reads every event of the
 * archive, prepares it as the import does (from its line's bytes where the flat path takes it; {@code tree}: always
 * from its tree, as before the flat path) and serializes it after a bulk header; a second loop scans the event types
 * as {@link ArchiveScan} does. Prints the thread's CPU time per event of each pass, and the process's (with the
 * collector's).
 */
public final class EventCpuBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ObjectMapper BULK_JSON = new ObjectMapper();

    private EventCpuBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path archive = Path.of(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        boolean treesOnly = args.length > 2 && args[2].equals("tree");
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            for (int pass = 1; pass <= passes; pass++) {
                long start = THREADS.getCurrentThreadCpuTime();
                long processStart = PROCESS.getProcessCpuTime();
                long events = prepareAll(reader, treesOnly);
                long prepared = THREADS.getCurrentThreadCpuTime();
                long processPrepared = PROCESS.getProcessCpuTime();
                long scanned = scanAll(reader);
                long end = THREADS.getCurrentThreadCpuTime();
                long processEnd = PROCESS.getProcessCpuTime();
                System.out.printf("pass %d: %,d events, prepare+serialize %.2f us/event (process %.2f),"
                        + " scan %.2f us/event (process %.2f)%n", pass, events, (prepared - start) / 1e3 / events,
                        (processPrepared - processStart) / 1e3 / events, (end - prepared) / 1e3 / scanned,
                        (processEnd - processPrepared) / 1e3 / scanned);
            }
        }
    }

    private static long prepareAll(ArchiveReader reader, boolean treesOnly) throws IOException {
        EventPreparation preparation = new EventPreparation("bench", ServerGeneration.V2, UrlMap.empty(),
                Clock.systemUTC());
        long events = 0;
        long bytes = 0;
        for (String taskId : reader.eventTaskIds()) {
            EventStatistics statistics = new EventStatistics(ServerGeneration.V2, false);
            try (CloseableIterator<ArchivedEvent> archived = reader.eventLines(taskId)) {
                while (archived.hasNext()) {
                    ArchivedEvent line = archived.next();
                    EventPreparation.PreparedEvent event = treesOnly
                            ? preparation.prepare(taskId, events++, line.tree(), statistics)
                            : preparation.prepare(taskId, events++, line, statistics);
                    bytes += action(event).length;
                }
            }
        }
        return bytes > 0 ? events : 0;
    }

    /** As {@code BulkBatch.indexAction} writes it (the header's text aside). */
    private static byte[] action(EventPreparation.PreparedEvent event) throws IOException {
        ByteArrayOutputStream action = new ByteArrayOutputStream(512);
        action.writeBytes(("{\"index\":{\"_index\":\"" + event.index() + "\",\"_id\":\"" + event.id() + "\"}}\n")
                .getBytes(StandardCharsets.UTF_8));
        if (event.json() != null) {
            action.write(event.json());
        } else {
            BULK_JSON.writeValue(action, event.source());
        }
        action.write('\n');
        return action.toByteArray();
    }

    private static long scanAll(ArchiveReader reader) {
        long events = 0;
        for (String taskId : reader.eventTaskIds()) {
            try (CloseableIterator<JsonNode> types = reader.eventTypes(taskId)) {
                while (types.hasNext()) {
                    events += types.next().isMissingNode() ? 0 : 1;
                }
            }
        }
        return events;
    }
}
