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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Importing the same archive twice leaves what importing it once leaves. The archive of every company holds
 * namesake root projects (each seeded company has a "Computer Vision 0"), which land in one target company: the
 * second import must overwrite each by its id rather than merge one into the other by name.
 */
@ExtendWith(SandboxExtension.class)
class ReimportTest {

    private static final Set<String> IMPORTED = Set.of("backend.project", "backend.task", "backend.model");

    @TempDir
    Path work;

    @Test
    void secondImportOfTheSameArchiveChangesNothing(Sandbox source, @TargetServer Sandbox target) throws IOException {
        source.reset();
        new Seeder().seed(source, SeedSize.small());
        target.reset();
        FreshServer.initialize(target.mongoUri(), FreshServer.TARGET_COMPANY, "target");
        CliRun exported = CliRun.exactly("export", "--all", "--statuses", "published", "completed", "--output", work.toString(),
                "--no-progress", "--mongo-host", source.mongoUri(), "--elastic-host", source.elasticUri().toString());
        assertThat(exported.exitCode()).as(exported.output()).isZero();
        Path archive;
        try (Stream<Path> files = Files.list(work)) {
            archive = files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
        }

        CliRun first = importInto(target, archive);
        StoreSnapshot once = snapshot(target);
        CliRun second = importInto(target, archive);

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(snapshot(target)).isEqualTo(once);
    }

    private CliRun importInto(Sandbox target, Path archive) {
        return CliRun.exactly("import", archive.toString(), "--company", FreshServer.TARGET_COMPANY, "--user", "again",
                "--undo-log", work.resolve("undo-" + System.nanoTime() + ".jsonl.gz").toString(), "--no-progress",
                "--mongo-host", target.mongoUri(), "--elastic-host", target.elasticUri().toString());
    }

    private static StoreSnapshot snapshot(Sandbox target) {
        return StoreSnapshot.of(target.mongoUri(), target.elasticUri(), target.fileserverDir())
                .onlyCollections(IMPORTED);
    }
}
