package clearml.migrate.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.testing.CliRun;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine that pushes back (429 on every other bulk request, 503 on every other search) slows an export and an
 * import down but does not change what they produce: the events package's client retries both with backoff. The
 * export through {@link FaultyEngineProxy} writes the same entries as the export straight to the engine; the import
 * through it leaves a target that {@code verify}, asking the engine directly, finds equal to the archive.
 */
@ExtendWith(SandboxExtension.class)
class BackpressureTest {

    private static final String COMPANY = FreshServer.TARGET_COMPANY;

    @TempDir
    Path work;

    @Test
    void exportAndImportThroughARefusingEngineGiveTheSameResult(Sandbox source, @TargetServer Sandbox target)
            throws IOException {
        source.reset();
        new Seeder().seed(source, SeedSize.small());
        target.reset();
        FreshServer.initialize(target.mongoUri(), COMPANY, "target");
        Path direct = Files.createDirectories(work.resolve("direct"));
        Path proxied = Files.createDirectories(work.resolve("proxied"));

        CliRun straight = export(source, source.elasticUri().toString(), direct);
        CliRun exported;
        try (FaultyEngineProxy proxy = new FaultyEngineProxy(source.elasticUri())) {
            exported = export(source, proxy.url(), proxied);
            assertThat(proxy.refusedSearches()).as("searches refused with 503").isPositive();
        }
        CliRun imported;
        try (FaultyEngineProxy proxy = new FaultyEngineProxy(target.elasticUri())) {
            imported = CliRun.exactly("import", single(proxied).toString(), "--company", COMPANY, "--no-progress",
                    "--mongo-host", target.mongoUri(), "--elastic-host", proxy.url());
            assertThat(proxy.refusedBulks()).as("bulk requests refused with 429").isPositive();
        }
        CliRun verified = CliRun.exactly("verify", single(proxied).toString(), "--company", COMPANY, "--no-progress",
                "--mongo-host", target.mongoUri(), "--elastic-host", target.elasticUri().toString());

        assertThat(List.of(straight, exported, imported)).allSatisfy(run ->
                assertThat(run.exitCode()).as(run.output()).isZero());
        assertThat(ArchiveEntries.of(single(proxied))).isEqualTo(ArchiveEntries.of(single(direct)));
        assertThat(verified.exitCode()).as(verified.output()).isZero();
    }

    private static CliRun export(Sandbox source, String elastic, Path output) {
        return CliRun.exactly("export", "--all", "--mongo-host", source.mongoUri(), "--elastic-host", elastic,
                "--no-progress", "--output", output.toString());
    }

    private static Path single(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> zips = files.filter(p -> p.toString().endsWith(".zip")).toList();
            assertThat(zips).hasSize(1);
            return zips.get(0);
        }
    }
}
