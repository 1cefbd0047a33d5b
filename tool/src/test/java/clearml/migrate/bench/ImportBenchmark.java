package clearml.migrate.bench;

import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.events.BulkOptions;
import clearml.migrate.events.BulkWriter;
import clearml.migrate.events.ElasticClient;
import clearml.migrate.events.ElasticSettings;
import clearml.migrate.events.EventIndexNames;
import clearml.migrate.events.EventStore;
import clearml.migrate.events.EventType;
import clearml.migrate.importing.ImportReport;
import clearml.migrate.importing.ImportSettings;
import clearml.migrate.importing.Importer;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.MongoSettings;
import clearml.migrate.progress.Progress;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/**
 * Times {@code import} against the engine's raw bulk throughput on the same events, run by hand through
 * {@code bench/import.sh} (not a test). Mode {@code run READY_FILE ARCHIVE_DIR}: the archive written by the export
 * benchmark is first bulk-indexed as is (each archived event, its position as id, one index per type, the same
 * {@link BulkOptions} as the import) into the target sandbox under company {@code bench-raw}; then the same archive
 * is imported under company {@code bench-import}. Prints events, events/s, the ratio, and the peak RSS.
 *
 * <p>Mode {@code raw-bulk READY_FILE ARCHIVE_DIR} measures only the engine ceiling and deletes what it indexed, so that
 * {@code bench/scale.sh} can time the import itself through the command line.
 */
public final class ImportBenchmark {

    private static final String RAW_COMPANY = "bench-raw";
    private static final String IMPORT_COMPANY = "bench-import";

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        JsonNode target = new ObjectMapper().readTree(Path.of(args[1]).toFile()).path("target");
        String mongoUri = target.path("mongo").asText();
        URI elastic = URI.create(target.path("elastic").asText());
        Path archive;
        try (Stream<Path> files = Files.walk(Path.of(args[2]))) {
            archive = files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
        }
        try (ClearmlMongo mongo = ClearmlMongo.open(new MongoSettings(mongoUri, null, null));
             ElasticClient client = new ElasticClient(new ElasticSettings(List.of(elastic), null, null))) {
            EventStore store = new EventStore(client);
            long start = System.nanoTime();
            long raw = rawBulk(store, archive);
            double rawSeconds = (System.nanoTime() - start) / 1e9;
            print("raw bulk", raw, rawSeconds, ExportBenchmark.peakRssKb());
            if (args[0].equals("raw-bulk")) {
                client.delete("/" + EventIndexNames.allTypes(RAW_COMPANY));
                return;
            }
            start = System.nanoTime();
            ImportReport report = new Importer(mongo, store, BulkOptions.defaults(), Clock.systemUTC())
                    .run(ImportSettings.defaults(archive, IMPORT_COMPANY, "bench")
                            .withUndoLog(Files.createTempDirectory("bench-undo").resolve("import.undo.jsonl.gz")),
                            Progress.SILENT);
            double seconds = (System.nanoTime() - start) / 1e9;
            print("import", report.eventsTotal(), seconds, ExportBenchmark.peakRssKb());
            System.out.printf("ratio import/raw: %.2f (events/s); import entities: %s%n",
                    (report.eventsTotal() / seconds) / (raw / rawSeconds), report.entities());
        }
    }

    /** Indexes every archived event unchanged: the engine's cost without the import's work. */
    private static long rawBulk(EventStore store, Path archive) {
        long count = 0;
        try (ArchiveReader reader = ArchiveReader.open(archive);
             BulkWriter writer = store.bulkWriter(BulkOptions.defaults())) {
            for (String taskId : reader.eventTaskIds()) {
                try (CloseableIterator<ObjectNode> events = reader.events(taskId)) {
                    while (events.hasNext()) {
                        ObjectNode event = events.next();
                        EventType type = EventType.fromValue(event.path("type").asText());
                        writer.index(EventIndexNames.index(type, RAW_COMPANY), taskId + "-" + count, event);
                        count++;
                    }
                }
            }
            writer.flush();
        }
        store.refresh(EventIndexNames.allTypes(RAW_COMPANY));
        return count;
    }

    private static void print(String what, long events, double seconds, long peakKb) {
        System.out.printf("%-10s %,12d events %8.1f s %,10.0f events/s  peak RSS %,d MB%n", what, events, seconds,
                events / seconds, peakKb / 1024);
    }
}
