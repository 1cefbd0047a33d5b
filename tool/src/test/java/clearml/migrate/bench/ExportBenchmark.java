package clearml.migrate.bench;

import clearml.migrate.events.ElasticClient;
import clearml.migrate.events.ElasticSettings;
import clearml.migrate.events.EventStore;
import clearml.migrate.exporting.ExportReport;
import clearml.migrate.exporting.ExportSettings;
import clearml.migrate.exporting.Exporter;
import clearml.migrate.exporting.SelectionRequest;
import clearml.migrate.exporting.StatusFilter;
import clearml.migrate.links.FileServerUrls;
import clearml.migrate.links.UrlMap;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.MongoSettings;
import clearml.migrate.progress.Progress;
import clearml.sandbox.seed.SeedReport;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Times {@code export} against the engine's own raw scroll of the same events, run by hand through
 * {@code bench/export.sh} (not a test). Two modes, each its own JVM so that the export's peak RSS is its own:
 * <pre>
 *   seed       READY_FILE PROJECTS TASKS_PER_PROJECT EVENTS_PER_TASK BIG_TASK_EVENTS [ARTIFACT_BYTES]
 *   run        READY_FILE OUTPUT_DIR
 *   raw-scroll READY_FILE                (the engine ceiling alone, for bench/scale.sh)
 *   api        READY_FILE OUTPUT_DIR     (direct export vs export through the API stand-in, one company)
 * </pre>
 * {@code api} starts the sandbox's ClearML API stand-in in this JVM over the same stores, so the stand-in's work
 * (reading OpenSearch, JSON in and out) shares the machine with the export, as it would not with a real server.
 * {@code READY_FILE} is the sandbox launcher's ({@code clearml-sandbox.jar up --ready-file}). {@code run} prints the
 * events, events/s, MB/s of both and their ratio, and the peak RSS ({@code VmHWM}) after each phase.
 */
public final class ExportBenchmark {

    private ExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        JsonNode source = new ObjectMapper().readTree(Path.of(args[1]).toFile()).path("source");
        String mongo = source.path("mongo").asText();
        URI elastic = URI.create(source.path("elastic").asText());
        if (args[0].equals("seed")) {
            seed(source, mongo, elastic, args);
        } else if (args[0].equals("api")) {
            ApiComparison.run(mongo, elastic, Path.of(args[2]));
        } else if (args[0].equals("raw-scroll")) {
            RawScroll.Result raw = RawScroll.all(elastic);
            print("raw scroll", raw.events(), raw.bytes(), raw.seconds(), peakRssKb());
        } else {
            run(mongo, elastic, Path.of(args[2]));
        }
    }

    private static void seed(JsonNode source, String mongo, URI elastic, String[] args) throws Exception {
        SeedSize size = new SeedSize(Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                args.length > 6 ? Long.parseLong(args[6]) : 0);
        long start = System.nanoTime();
        SeedReport report = new Seeder().seed(mongo, elastic, Path.of(source.path("fileserver_dir").asText()),
                source.path("fileserver_url").asText(), size);
        long big = Long.parseLong(args[5]);
        if (big > 0) {
            new BigTask(mongo, elastic, report.companies().get(0)).write(big);
        }
        System.out.printf("seeded %d events (+%d in one task), %d files of %d bytes in %.1f s%n", report.events(), big,
                report.files(), report.fileBytes(), (System.nanoTime() - start) / 1e9);
    }

    private static void run(String mongoUri, URI elastic, Path output) throws IOException {
        Files.createDirectories(output);
        RawScroll.Result raw = RawScroll.all(elastic);
        long rawPeak = peakRssKb();
        long start = System.nanoTime();
        ExportReport report;
        try (ClearmlMongo mongo = ClearmlMongo.open(new MongoSettings(mongoUri, null, null));
             ElasticClient client = new ElasticClient(new ElasticSettings(List.of(elastic), null, null))) {
            report = new Exporter(mongo, new EventStore(client), null, "bench").run(settings(output), Progress.SILENT);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long bytes = eventBytes(report);
        print("raw scroll", raw.events(), raw.bytes(), raw.seconds(), rawPeak);
        print("export", report.events(), bytes, seconds, peakRssKb());
        System.out.printf("ratio export/raw: %.2f (events/s)%n", (report.events() / seconds) / (raw.events() / raw.seconds()));
    }

    /** Every task that is not queued or running, archived ones too, and every model: all the seeded events. */
    private static ExportSettings settings(Path output) {
        List<String> statuses = StatusFilter.KNOWN.stream().filter(s -> !StatusFilter.ACTIVE.contains(s)).toList();
        SelectionRequest all = new SelectionRequest(List.of(), List.of(), true, null, StatusFilter.parse(statuses, true));
        return new ExportSettings(all, output, true, false, false, false, UrlMap.empty(),
                ExportSettings.DEFAULT_WORKERS, FileServerUrls.heuristic());
    }

    /** The uncompressed size of the events entries of every archive written. */
    static long eventBytes(ExportReport report) throws IOException {
        long bytes = 0;
        for (ExportReport.Archive archive : report.archives()) {
            try (ZipFile zip = ZipFile.builder().setPath(archive.path()).get()) {
                for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                    bytes += entry.getName().endsWith("_events.json") ? entry.getSize() : 0;
                }
            }
        }
        return bytes;
    }

    static void print(String what, long events, long bytes, double seconds, long peakKb) {
        System.out.printf("%-10s %,12d events %8.1f s %,10.0f events/s %7.1f MB/s  peak RSS %,d MB%n", what, events,
                seconds, events / seconds, bytes / 1e6 / seconds, peakKb / 1024);
    }

    /** This process's peak resident set size in KiB ({@code VmHWM}), or -1 off Linux. */
    static long peakRssKb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("VmHWM:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElse(-1L);
    }
}
