package clearml.migrate.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.testing.CliRun;
import clearml.migrate.testing.StoreSnapshot;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import com.mongodb.ConnectionString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A store that goes away in the middle of {@code export}, {@code import} or {@code relink}, for MongoDB and for the
 * search engine: the store's port is closed under the running command by a {@link StorePort} relay, once the command
 * has sent half the bytes an undisturbed run sends to that store.
 * <ul>
 *   <li>Closed for 1.5 s: the command retries with backoff, finishes, and leaves exactly what an undisturbed run
 *       leaves.</li>
 *   <li>Closed for longer than {@code --retry-for 2s}: the command fails with exit code 3 and one line naming the
 *       store; run again once the store is back, it leaves exactly what an undisturbed run leaves: nothing
 *       duplicated, nothing missing.</li>
 * </ul>
 * The undisturbed run goes through the relay too, so that it measures the bytes.
 */
@ExtendWith(SandboxExtension.class)
class StoreOutageTest {

    /** Which store goes away. */
    enum Store { MONGODB, SEARCH_ENGINE }

    private static final String OLD = "http://localhost:8081";
    private static final String NEW = "http://files.moved.example:8081";
    private static final Duration SHORT_OUTAGE = Duration.ofMillis(1500);
    /** The documents an import writes; the rest of a target is the server's own, stamped when it was initialized. */
    private static final Set<String> IMPORTED = Set.of("backend.project", "backend.task", "backend.model");

    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(Store.class)
    void exportSurvivesAnOutageAndARerunAfterALongOneWritesTheSameArchive(Store store, Sandbox source)
            throws IOException {
        seed(source);
        Path dir = work.resolve("exports");
        Scenario<Map<String, Object>> export = new Scenario<>(store, source, relays -> List.of("export", "--all",
                "--statuses", "published", "completed", "stopped", "failed", "--include-archived",
                "--output", folder(dir).toString(), "--no-progress"), relays -> takeArchive(dir));
        export.run(() -> { });
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void importSurvivesAnOutageAndARerunAfterALongOneLeavesTheSameTarget(Store store, Sandbox source,
            @TargetServer Sandbox target) throws IOException {
        seed(source);
        Path archive = exportOnce(source);
        Scenario<StoreSnapshot> importing = new Scenario<>(store, target, relays -> List.of("import",
                archive.toString(), "--company", FreshServer.TARGET_COMPANY, "--user", "outage-owner",
                "--url-map", OLD + "=" + NEW, "--undo-log", work.resolve("undo-" + System.nanoTime()).toString(),
                "--no-progress"),
                relays -> StoreSnapshot.of(target.mongoUri(), target.elasticUri(), target.fileserverDir())
                        .onlyCollections(IMPORTED));
        importing.run(() -> {
            target.reset();
            FreshServer.initialize(target.mongoUri(), FreshServer.TARGET_COMPANY, "target");
        });
    }

    @ParameterizedTest
    @EnumSource(Store.class)
    void relinkSurvivesAnOutageAndARerunAfterALongOneLeavesTheSameLinks(Store store, Sandbox source)
            throws IOException {
        Scenario<StoreSnapshot> relink = new Scenario<>(store, source, relays -> List.of("relink",
                "--host-source", OLD, "--host-target", NEW,
                "--undo-log", work.resolve("undo-" + System.nanoTime()).toString(), "--no-progress"),
                relays -> StoreSnapshot.of(source.mongoUri(), source.elasticUri(), source.fileserverDir()));
        relink.run(() -> seed(source));
    }

    /** The three runs of one command against one store, each from the same starting state. */
    private final class Scenario<T> {
        private final Store store;
        private final Sandbox server;
        private final Function<Relays, List<String>> command;
        private final Function<Relays, T> outcome;

        Scenario(Store store, Sandbox server, Function<Relays, List<String>> command, Function<Relays, T> outcome) {
            this.store = store;
            this.server = server;
            this.command = command;
            this.outcome = outcome;
        }

        void run(Runnable startAgain) throws IOException {
            try (Relays relays = new Relays(server)) {
                startAgain.run();
                long before = relays.of(store).sent();
                CliRun undisturbed = relays.run(command.apply(relays), "60s");
                assertThat(undisturbed.exitCode()).as(undisturbed.output()).isZero();
                long bytes = relays.of(store).sent() - before;
                T expected = outcome.apply(relays);

                startAgain.run();
                relays.of(store).cutAfter(bytes / 2, SHORT_OUTAGE);
                CliRun shortOutage = relays.run(command.apply(relays), "60s");
                assertThat(relays.of(store).cuts()).as("the port was closed mid-run").isEqualTo(1);
                assertThat(shortOutage.exitCode()).as(shortOutage.output()).isZero();
                assertThat(outcome.apply(relays)).isEqualTo(expected);

                startAgain.run();
                relays.of(store).cutAfter(bytes / 2, Duration.ZERO);
                CliRun longOutage = relays.run(command.apply(relays), "2s");
                assertThat(relays.of(store).cuts()).as("the port was closed mid-run").isEqualTo(2);
                assertThat(longOutage.exitCode()).as(longOutage.output()).isEqualTo(3);
                assertThat(longOutage.oneErrorLine()).contains("127.0.0.1:" + relays.of(store).port())
                        .contains("still away after retrying for 2 s (--retry-for)");

                relays.of(store).restore();
                CliRun rerun = relays.run(command.apply(relays), "60s");
                assertThat(rerun.exitCode()).as(rerun.output()).isZero();
                assertThat(outcome.apply(relays)).isEqualTo(expected);
            }
        }
    }

    /** One relay in front of each store of a sandbox. */
    private static final class Relays implements AutoCloseable {
        private final StorePort mongo;
        private final StorePort search;

        Relays(Sandbox server) throws IOException {
            String host = new ConnectionString(server.mongoUri()).getHosts().get(0);
            this.mongo = new StorePort(host.substring(0, host.lastIndexOf(':')),
                    Integer.parseInt(host.substring(host.lastIndexOf(':') + 1)));
            URI elastic = server.elasticUri();
            this.search = new StorePort(elastic.getHost(), elastic.getPort());
        }

        StorePort of(Store store) {
            return store == Store.MONGODB ? mongo : search;
        }

        CliRun run(List<String> command, String retryFor) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("--mongo-host", "mongodb://127.0.0.1:" + mongo.port(),
                    "--elastic-host", "http://127.0.0.1:" + search.port(), "--retry-for", retryFor));
            return CliRun.exactly(args.toArray(String[]::new));
        }

        @Override
        public void close() {
            mongo.close();
            search.close();
        }
    }

    private static void seed(Sandbox source) {
        source.reset();
        new Seeder().seed(source, SeedSize.small());
    }

    private Path exportOnce(Sandbox source) throws IOException {
        Path dir = Files.createDirectories(work.resolve("archive"));
        CliRun exported = CliRun.exactly("export", "--all", "--statuses", "published", "completed", "stopped", "failed",
                "--include-archived", "--output", dir.toString(), "--no-progress",
                "--mongo-host", source.mongoUri(), "--elastic-host", source.elasticUri().toString());
        assertThat(exported.exitCode()).as(exported.output()).isZero();
        return onlyZip(dir);
    }

    /**
     * The entries of the archive an export wrote, which is then deleted. Checks that the folder holds that archive
     * alone: a failed run before it left nothing behind, not even temporary files.
     */
    private static Map<String, Object> takeArchive(Path dir) {
        try {
            Path zip = onlyZip(dir);
            Map<String, Object> entries = ArchiveEntries.of(zip);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path folder(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path onlyZip(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.filter(p -> !p.getFileName().toString().endsWith(".map")).toList();
            assertThat(all).as("what the export left in " + dir).hasSize(1);
            assertThat(all.get(0).toString()).endsWith(".zip");
            return all.get(0);
        }
    }
}
