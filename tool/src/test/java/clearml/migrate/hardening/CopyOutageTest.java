package clearml.migrate.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.failures.ExitCode;
import clearml.migrate.testing.CliRun;
import clearml.migrate.testing.StoreSnapshot;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A {@code copy} cut off from its target early, halfway and late, for the target's MongoDB and for its search engine:
 * the relay ({@link StorePort}) closes the store's port once the copy has sent that share of the bytes an undisturbed
 * copy sends it and keeps it closed beyond {@code --to-retry-for}, so the copy fails with one line; run again once
 * the store is back, the copy leaves exactly what an undisturbed copy leaves: nothing duplicated, nothing missing.
 */
@ExtendWith(SandboxExtension.class)
class CopyOutageTest {

    /** Which of the target's stores goes away. */
    enum Store { MONGODB, SEARCH_ENGINE }

    /** What a copy writes; the rest of a target is its own, stamped when it was initialized. */
    private static final Set<String> COPIED = Set.of("backend.project", "backend.task", "backend.model");

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0} cut after {1}% of what an undisturbed copy sends it")
    @CsvSource({"MONGODB, 20", "MONGODB, 50", "MONGODB, 85", "SEARCH_ENGINE, 20", "SEARCH_ENGINE, 50",
            "SEARCH_ENGINE, 85"})
    void aCopyCutOffFromItsTargetAndRunAgainLeavesWhatAnUndisturbedCopyLeaves(Store store, int percent, Sandbox source,
            @TargetServer Sandbox target) throws IOException {
        source.reset();
        String company = new Seeder().seed(source, SeedSize.small()).companies().get(0);
        fresh(target);
        try (StorePort mongo = StorePort.before(target.mongoUri()); StorePort search = StorePort.before(target.elasticUri())) {
            StorePort cut = store == Store.MONGODB ? mongo : search;
            long before = cut.sent();
            ok(copy(source, company, mongo, search, "60s"));
            long bytes = cut.sent() - before;
            StoreSnapshot undisturbed = snapshot(target);
            fresh(target);

            cut.cutAfter(bytes * percent / 100, Duration.ZERO);
            CliRun interrupted = copy(source, company, mongo, search, "2s");
            assertThat(cut.cuts()).as("the port was closed mid-run").isEqualTo(1);
            assertThat(interrupted.exitCode()).as(interrupted.output()).isEqualTo(ExitCode.STORE.code());
            assertThat(interrupted.oneErrorLine()).contains("127.0.0.1:" + cut.port());
            cut.restore();
            CliRun rerun = copy(source, company, mongo, search, "60s");

            ok(rerun);
            assertThat(snapshot(target).differences(undisturbed)).isEmpty();
        }
    }

    private CliRun copy(Sandbox source, String company, StorePort mongo, StorePort search, String retryFor) {
        List<String> args = new ArrayList<>(List.of("copy", "--all", "--company", company, "--include-archived",
                "--statuses", "published", "completed", "stopped", "failed",
                "--target-company", FreshServer.TARGET_COMPANY,
                "--from-mongo-host", source.mongoUri(), "--from-elastic-host", source.elasticUri().toString(),
                "--to-mongo-host", "mongodb://127.0.0.1:" + mongo.port(),
                "--to-elastic-host", "http://127.0.0.1:" + search.port(), "--to-retry-for", retryFor,
                "--journal", work.resolve("copy-" + System.nanoTime() + ".undo.jsonl.gz").toString(),
                "--no-progress"));
        return CliRun.exactly(args.toArray(String[]::new));
    }

    private static void fresh(Sandbox target) {
        target.reset();
        FreshServer.initialize(target.mongoUri(), FreshServer.TARGET_COMPANY, "target");
    }

    /** The copied documents, and every event with its id (the mover keeps the source's). */
    private static StoreSnapshot snapshot(Sandbox target) {
        return StoreSnapshot.of(target.mongoUri(), target.elasticUri(), target.fileserverDir())
                .onlyCollections(COPIED);
    }

    private static void ok(CliRun run) {
        assertThat(run.exitCode()).as(run.output()).isZero();
    }
}
