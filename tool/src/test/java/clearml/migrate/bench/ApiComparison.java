package clearml.migrate.bench;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiCredentials;
import clearml.migrate.api.ApiSettings;
import clearml.migrate.apisource.ApiSource;
import clearml.migrate.events.ElasticClient;
import clearml.migrate.events.ElasticSettings;
import clearml.migrate.events.EventStore;
import clearml.migrate.exporting.DirectSource;
import clearml.migrate.exporting.ExportReport;
import clearml.migrate.exporting.ExportSettings;
import clearml.migrate.exporting.ExportSource;
import clearml.migrate.exporting.Exporter;
import clearml.migrate.exporting.SelectionRequest;
import clearml.migrate.exporting.StatusFilter;
import clearml.migrate.links.FileServerUrls;
import clearml.migrate.links.UrlMap;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.MongoSettings;
import clearml.migrate.progress.Progress;
import clearml.sandbox.api.ApiLimits;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.api.Credentials;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code ExportBenchmark api}: the same selection (every finished task and model of the stand-in's primary company)
 * exported directly and through the sandbox's ClearML API stand-in over the same stores; prints both and the ratio
 * of their events/s. Not a test: run by hand through {@code bench/export.sh} with {@code API=1}.
 */
final class ApiComparison {

    private static final int ROUNDS = 3;

    private ApiComparison() {
    }

    private static Timed best(@Nullable Timed sofar, Timed next) {
        return sofar == null || next.rate() > sofar.rate() ? next : sofar;
    }

    static void run(String mongoUri, URI elastic, Path output) throws IOException {
        try (ApiStandIn api = ApiStandIn.start(mongoUri, elastic, ApiLimits.DEFAULTS);
             ClearmlMongo mongo = ClearmlMongo.open(new MongoSettings(mongoUri, null, null));
             ElasticClient client = new ElasticClient(new ElasticSettings(List.of(elastic), null, null))) {
            String company = api.primaryCompany();
            Credentials key = api.adminCredentials(company);
            Timed direct = null;
            Timed throughApi = null;
            // Alternating rounds, the best of each kept: the first round also warms the JIT for both.
            for (int round = 0; round < ROUNDS; round++) {
                try (ApiClient apiClient = new ApiClient(new ApiSettings(URI.create(api.url()), null,
                        new ApiCredentials(key.accessKey(), key.secretKey(), "benchmark")))) {
                    throughApi = best(throughApi, timed(new ApiSource(apiClient), company, output.resolve("api" + round)));
                }
                direct = best(direct, timed(new DirectSource(mongo, new EventStore(client)), company,
                        output.resolve("direct" + round)));
            }
            direct.print("direct");
            throughApi.print("api");
            System.out.printf("ratio api/direct: %.2f (events/s, best of %d rounds each)%n",
                    throughApi.rate() / direct.rate(), ROUNDS);
        }
    }

    private static Timed timed(ExportSource source, String company, Path output) throws IOException {
        Files.createDirectories(output);
        long start = System.nanoTime();
        ExportReport report = new Exporter(source, null, "bench").run(settings(company, output), Progress.SILENT);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Timed(report.events(), ExportBenchmark.eventBytes(report), seconds);
    }

    private static ExportSettings settings(String company, Path output) {
        List<String> statuses = StatusFilter.KNOWN.stream().filter(s -> !StatusFilter.ACTIVE.contains(s)).toList();
        SelectionRequest all = new SelectionRequest(List.of(), List.of(), true, company,
                StatusFilter.parse(statuses, true));
        return new ExportSettings(all, output, true, false, false, false, UrlMap.empty(),
                ExportSettings.DEFAULT_WORKERS, FileServerUrls.heuristic());
    }

    private record Timed(long events, long bytes, double seconds) {
        double rate() {
            return events / seconds;
        }

        void print(String what) throws IOException {
            ExportBenchmark.print(what, events, bytes, seconds, ExportBenchmark.peakRssKb());
        }
    }
}
