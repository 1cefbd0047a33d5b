package clearml.migrate.copying;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.failures.ExitCode;
import clearml.migrate.hardening.StorePort;
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
 * A {@code sync} pass killed at several points and run again converges: the relay ({@link StorePort}) in front of the
 * target's MongoDB or search engine closes its port once the pass has sent a share of the bytes an undisturbed pass
 * sends it, and keeps it closed beyond {@code --to-retry-for}, so the pass fails; run again once the store is back, it
 * leaves what the undisturbed pass left (nothing duplicated, nothing missing), and its state with it, so the next pass
 * finds nothing changed. The undisturbed pass is taken back by {@code undo} before the interrupted one starts.
 */
@ExtendWith(SandboxExtension.class)
class SyncRestartTest {

    /** Which of the target's stores goes away. */
    enum Store { MONGODB, SEARCH_ENGINE }

    private static final List<String> EXPORTABLE = List.of("created", "stopped", "publishing", "published", "closed",
            "failed", "completed", "unknown");
    /** What a pass writes besides its state and markers, which carry the time they were written. */
    private static final Set<String> COPIED = Set.of("backend.project", "backend.task", "backend.model");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} cut after {1}% of what an undisturbed pass sends it")
    @CsvSource({"MONGODB, 25", "MONGODB, 80", "SEARCH_ENGINE, 25", "SEARCH_ENGINE, 75"})
    void aPassCutOffAndRunAgainLeavesWhatAnUndisturbedPassLeavesAndTheNextPassMovesNothing(Store store, int percent,
            Sandbox source, @TargetServer Sandbox target) throws IOException {
        source.reset();
        target.reset();
        FreshServer.initialize(target.mongoUri(), FreshServer.TARGET_COMPANY, "target");
        String company = new Seeder().seed(source, SeedSize.small()).companies().get(0);
        try (StorePort mongo = StorePort.before(target.mongoUri()); StorePort search = StorePort.before(target.elasticUri())) {
            StorePort cut = store == Store.MONGODB ? mongo : search;
            ok(sync(source, company, mongo, search, "first", "60s"));
            SyncTest.change(source, company);
            long before = cut.sent();
            ok(sync(source, company, mongo, search, "undisturbed", "60s"));
            long bytes = cut.sent() - before;
            StoreSnapshot undisturbed = snapshot(target);
            ok(CliRun.run("undo", journal("undisturbed"), "--mongo-host", target.mongoUri(), "--elastic-host",
                    target.elasticUri().toString(), "--no-progress"));

            cut.cutAfter(bytes * percent / 100, Duration.ZERO);
            CliRun interrupted = sync(source, company, mongo, search, "interrupted", "2s");
            assertThat(cut.cuts()).as("the port was closed mid-pass").isEqualTo(1);
            assertThat(interrupted.exitCode()).as(interrupted.output()).isEqualTo(ExitCode.STORE.code());
            cut.restore();
            CliRun rerun = sync(source, company, mongo, search, "rerun", "60s");

            ok(rerun);
            assertThat(snapshot(target).differences(undisturbed)).isEmpty();
            CliRun next = sync(source, company, mongo, search, "next", "60s");
            ok(next);
            assertThat(next.out()).contains("nothing changed at the source since the last pass");
        }
    }

    private CliRun sync(Sandbox source, String company, StorePort mongo, StorePort search, String journal,
            String retryFor) {
        List<String> args = new ArrayList<>(List.of("sync", "--all", "--company", company, "--include-archived",
                "--target-company", FreshServer.TARGET_COMPANY, "--apply-deletes",
                "--from-mongo-host", source.mongoUri(), "--from-elastic-host", source.elasticUri().toString(),
                "--to-mongo-host", "mongodb://127.0.0.1:" + mongo.port(),
                "--to-elastic-host", "http://127.0.0.1:" + search.port(), "--to-retry-for", retryFor,
                "--journal", journal(journal), "--no-progress", "--statuses"));
        args.addAll(EXPORTABLE);
        return CliRun.exactly(args.toArray(String[]::new));
    }

    private String journal(String name) {
        return dir.resolve(name + ".undo.jsonl.gz").toString();
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
