package clearml.migrate.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.events.BulkOptions;
import clearml.migrate.events.ElasticClient;
import clearml.migrate.events.ElasticSettings;
import clearml.migrate.events.EventStore;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.MongoSettings;
import clearml.migrate.progress.Progress;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An import interrupted at any point and run again ends in exactly the state of an uninterrupted import. The
 * interruption is a {@link Progress} that throws after a number of units, as a kill would stop the run between two
 * writes; bulk requests already sent may land or not, which the rerun must absorb.
 */
@ExtendWith(SandboxExtension.class)
class ImportRestartTest {

    private static final String COMPANY = "re5tart0000000000000000000000001";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    private final Sandbox target;
    private final Path archive;
    private final ClearmlMongo mongo;
    private final ElasticClient elastic;

    ImportRestartTest(@TargetServer Sandbox target) throws Exception {
        this.target = target;
        this.mongo = ClearmlMongo.open(new MongoSettings(target.mongoUri(), null, null));
        this.elastic = new ElasticClient(new ElasticSettings(List.of(target.elasticUri()), null, null));
        Path dir = Path.of(System.getProperty("clearml.fixtures", "../../shared/fixtures"), "clearml-server-2.0.0-rich");
        try (Stream<Path> files = Files.list(dir)) {
            this.archive = files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
        }
    }

    @ParameterizedTest(name = "interrupted after {0}% of the work, rerun with overwrite")
    @ValueSource(ints = {10, 35, 50, 65, 80, 95, 99})
    void rerunAfterAnInterruptionEndsInTheUninterruptedState(int percent) {
        ImportSettings settings = ImportSettings.defaults(archive, COMPANY, "owner-1");
        TargetState uninterrupted = importedState(settings);
        long total = countUnits(settings);

        target.reset();
        FreshServer.initialize(target.mongoUri(), COMPANY, "target");
        StoredEvents.deleteAll(target.elasticUri(), COMPANY);
        long stopAfter = total * percent / 100;
        assertThatThrownBy(() -> importer().run(journalled(settings), new Interruption(stopAfter)))
                .isInstanceOf(Interrupted.class);
        importer().run(journalled(settings), Progress.SILENT);
        assertThat(TargetState.of(target.mongoUri(), target.elasticUri(), COMPANY)).isEqualTo(uninterrupted);
    }

    @ParameterizedTest(name = "interrupted after {0}% of the work, rerun with skip")
    @ValueSource(ints = {50, 80, 95})
    void rerunWithSkipAlsoEndsInTheUninterruptedState(int percent) {
        ImportSettings settings = ImportSettings.defaults(archive, COMPANY, "owner-1")
                .withConflictPolicies(ConflictPolicy.SKIP, ProjectNamePolicy.MERGE);
        TargetState uninterrupted = importedState(settings);
        long total = countUnits(settings);

        target.reset();
        FreshServer.initialize(target.mongoUri(), COMPANY, "target");
        StoredEvents.deleteAll(target.elasticUri(), COMPANY);
        assertThatThrownBy(() -> importer().run(journalled(settings), new Interruption(total * percent / 100)))
                .isInstanceOf(Interrupted.class);
        importer().run(journalled(settings), Progress.SILENT);
        assertThat(TargetState.of(target.mongoUri(), target.elasticUri(), COMPANY)).isEqualTo(uninterrupted);
    }

    private TargetState importedState(ImportSettings settings) {
        target.reset();
        FreshServer.initialize(target.mongoUri(), COMPANY, "target");
        StoredEvents.deleteAll(target.elasticUri(), COMPANY);
        importer().run(journalled(settings), Progress.SILENT);
        TargetState state = TargetState.of(target.mongoUri(), target.elasticUri(), COMPANY);
        assertThat(state.documents("backend.task")).isNotEmpty();
        assertThat(state.events()).isNotEmpty();
        return state;
    }

    private long countUnits(ImportSettings settings) {
        Interruption counter = new Interruption(Long.MAX_VALUE);
        importer().run(journalled(settings.withDryRun(false)), counter);
        return counter.done.get();
    }

    @AfterEach
    void closeStores() {
        mongo.close();
        elastic.close();
    }

    /** Every run journals into a fresh temporary file, never beside the shared fixture archive. */
    private static ImportSettings journalled(ImportSettings settings) {
        try {
            return settings.withUndoLog(Files.createTempDirectory("import-undo").resolve("import.undo.jsonl.gz"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Importer importer() {
        return new Importer(mongo, new EventStore(elastic), BulkOptions.defaults().withMaxRequestBytes(64 * 1024),
                CLOCK);
    }

    /** Stops the run after a number of units, as a kill would. */
    private static final class Interruption implements Progress {
        private final long stopAfter;
        private final AtomicLong done = new AtomicLong();

        Interruption(long stopAfter) {
            this.stopAfter = stopAfter;
        }

        @Override
        public void start(String phase, long total) {
        }

        @Override
        public void advance(long units) {
            if (done.addAndGet(units) > stopAfter) {
                throw new Interrupted();
            }
        }

        @Override
        public void finish() {
        }
    }

    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("interrupted by the test");
        }
    }
}
