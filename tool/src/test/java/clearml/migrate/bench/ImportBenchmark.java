package clearml.migrate.bench;

import clearml.migrate.events.BulkOptions;
import clearml.migrate.events.ElasticClient;
import clearml.migrate.events.ElasticSettings;
import clearml.migrate.events.EventStore;
import clearml.migrate.importing.ImportReport;
import clearml.migrate.importing.ImportSettings;
import clearml.migrate.importing.Importer;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.MongoSettings;
import clearml.migrate.progress.Progress;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/**
 * Times {@code import} against the engine's {@code _bulk} ceiling on the same events, run by hand through
 * {@code bench/import.sh} (not a test). Mode {@code run READY_FILE ARCHIVE_DIR}: the archive written by the export
 * benchmark is turned into pre-built {@code _bulk} bodies of the import's request size ({@link BulkCeiling}, before
 * any clock starts), which are indexed into the target sandbox under company {@code bench-raw} twice, as one stream
 * and with as many requests in flight as the import's {@link BulkOptions}, the indices deleted after each; then the
 * same archive is imported under company {@code bench-import}. Prints events, events/s and peak RSS of each, and the
 * import's ratio against both ceilings (issue #14: keep at least 0.8 of one stream, 1.5 with parallel bulks).
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
        BulkOptions options = BulkOptions.defaults();
        BulkCeiling ceiling = BulkCeiling.build(archive, RAW_COMPANY, options.maxRequestBytes());
        try (ClearmlMongo mongo = ClearmlMongo.open(new MongoSettings(mongoUri, null, null));
             ElasticClient client = new ElasticClient(new ElasticSettings(List.of(elastic), null, null))) {
            EventStore store = new EventStore(client);
            double oneStream = rate(ceiling.events(), ceiling.send(store, RAW_COMPANY, 1), "bulk x1");
            int inFlight = options.concurrency();
            double parallel = rate(ceiling.events(), ceiling.send(store, RAW_COMPANY, inFlight), "bulk x" + inFlight);
            long start = System.nanoTime();
            ImportReport report = new Importer(mongo, store, options, Clock.systemUTC())
                    .run(ImportSettings.defaults(archive, IMPORT_COMPANY, "bench")
                            .withUndoLog(Files.createTempDirectory("bench-undo").resolve("import.undo.jsonl.gz")),
                            Progress.SILENT);
            double rate = rate(report.eventsTotal(), (System.nanoTime() - start) / 1e9, "import");
            System.out.printf("ratio import/bulk x1: %.2f  import/bulk x%d: %.2f  (events/s; goals 0.8 and 1.5)%n"
                    + "import entities: %s%n", rate / oneStream, inFlight, rate / parallel, report.entities());
        } finally {
            ceiling.delete();
        }
    }

    /** Prints a line of the table and returns events/s; the peak RSS is the JVM's so far. */
    private static double rate(long events, double seconds, String what) throws IOException {
        System.out.printf("%-10s %,12d events %8.1f s %,10.0f events/s  peak RSS %,d MB%n", what, events, seconds,
                events / seconds, ExportBenchmark.peakRssKb() / 1024);
        return events / seconds;
    }
}
