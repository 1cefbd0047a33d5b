package clearml.migrate.exporting;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.events.ElasticClient;
import clearml.migrate.events.ElasticSettings;
import clearml.migrate.events.EventStore;
import clearml.migrate.links.FileServerUrls;
import clearml.migrate.links.UrlMap;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.MongoSettings;
import clearml.migrate.progress.Progress;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Export's progress moves by events and bytes, toward a total counted before the first event is read. */
@ExtendWith(SandboxExtension.class)
class ExportProgressTest {

    @TempDir
    Path out;

    @Test
    void reportsEveryExportedEventAndItsBytesAgainstTheCountedTotal(Sandbox sandbox) {
        sandbox.reset();
        new Seeder().seed(sandbox.mongoUri(), sandbox.elasticUri(), sandbox.fileserverDir(), sandbox.fileserverUrl(),
                SeedSize.small());
        Recording progress = new Recording();

        ExportReport report;
        try (ClearmlMongo mongo = ClearmlMongo.open(new MongoSettings(sandbox.mongoUri(), null, null));
             ElasticClient client = new ElasticClient(new ElasticSettings(List.of(sandbox.elasticUri()), null, null))) {
            report = new Exporter(mongo, new EventStore(client), null, "test").run(everything(), progress);
        }

        assertThat(report.events()).isPositive();
        assertThat(progress.phases).contains("export in events");
        assertThat(progress.expected).isEqualTo(report.events());
        assertThat(progress.events).isEqualTo(report.events());
        assertThat(progress.bytes).as("the events' lines weigh something").isGreaterThan(report.events() * 50);
        assertThat(progress.largestStep).as("a task's events move the bar in steps, not in one").isLessThan(
                report.events());
    }

    private ExportSettings everything() {
        List<String> statuses = StatusFilter.KNOWN.stream().filter(s -> !StatusFilter.ACTIVE.contains(s)).toList();
        SelectionRequest all = new SelectionRequest(List.of(), List.of(), true, null, StatusFilter.parse(statuses, true));
        return new ExportSettings(all, out, true, false, false, false, UrlMap.empty(), ExportSettings.DEFAULT_WORKERS,
                FileServerUrls.heuristic());
    }

    /** Remembers the export phase's unit, total and advances. */
    private static final class Recording implements Progress {
        final List<String> phases = new ArrayList<>();
        boolean exporting;
        long expected;
        long events;
        long bytes;
        long largestStep;

        @Override
        public synchronized void start(String phase, long total) {
            start(phase, "", total, -1);
        }

        @Override
        public synchronized void start(String phase, String unit, long total, long totalBytes) {
            phases.add(phase + " in " + unit);
            exporting = phase.equals("export");
        }

        @Override
        public synchronized void expect(long units, long moreBytes) {
            expected += exporting ? units : 0;
        }

        @Override
        public void advance(long done) {
            advance(done, 0);
        }

        @Override
        public synchronized void advance(long done, long moreBytes) {
            if (exporting) {
                events += done;
                bytes += moreBytes;
                largestStep = Math.max(largestStep, done);
            }
        }

        @Override
        public void finish() {
        }
    }
}
