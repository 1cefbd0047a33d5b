package clearml.migrate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.cli.Environment;
import clearml.migrate.cli.MigrateCommandLine;
import clearml.migrate.undo.UndoJournal;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.SeedReport;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The undo journal's size overhead, measured by hand (skipped unless {@code -Dclearml.bench=true}): a
 * {@link SeedSize#medium()} source exported with its files, then imported twice into an empty target with
 * {@code --artifacts-to}, the second run overwriting everything. Prints the bytes of the archive, of each journal
 * and of its {@code .files} directory.
 * <pre>
 *   mvn -B -q -o -pl tool -am test -Dtest=JournalSizeBenchmarkTest -Dclearml.bench=true \
 *       -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
@EnabledIfSystemProperty(named = "clearml.bench", matches = "true")
class JournalSizeBenchmarkTest {

    private static final String COMPANY = "j0urna10000000000000000000000001";

    @TempDir
    Path dir;

    @Test
    void printsTheJournalSizesOfAnImportRunTwice(Sandbox source, @TargetServer Sandbox target) throws IOException {
        Path sourceFiles = Files.createDirectories(dir.resolve("source-files"));
        Path targetFiles = Files.createDirectories(dir.resolve("target-files"));
        SeedReport seeded = new Seeder().seed(source.mongoUri(), source.elasticUri(), sourceFiles,
                source.fileserverUrl(), SeedSize.medium());
        run(source, "export", "--all", "--include-archived", "--statuses", "created", "stopped", "publishing",
                "published", "closed", "failed", "completed", "unknown", "--artifacts-from", sourceFiles.toString(),
                "--output", dir.resolve("medium.zip").toString());
        Path archive = only(".zip");
        Path companion = only(".artifacts");

        run(target, "import", archive.toString(), "--company", COMPANY, "--artifacts-to", targetFiles.toString());
        run(target, "import", archive.toString(), "--company", COMPANY, "--artifacts-to", targetFiles.toString());

        Path first = UndoJournal.besideArchive(archive);
        Path second = archive.resolveSibling(archive.getFileName() + ".undo-2.jsonl.gz");
        List<String> lines = new ArrayList<>();
        lines.add(String.format("seed: %,d events, %,d files of %,d bytes", seeded.events(), seeded.files(),
                seeded.fileBytes()));
        lines.add(line("archive .zip", Files.size(archive)));
        lines.add(line("archive .artifacts", Files.size(companion)));
        lines.add(line("files placed under --artifacts-to", bytesUnder(targetFiles)));
        lines.add(journal("first journal", first));
        lines.add(journal("second journal", second));
        System.out.println(String.join(System.lineSeparator(), lines));

        assertThat(Files.size(first)).isPositive();
        assertThat(Files.size(second)).as("the second run journals every document and event it overwrites")
                .isGreaterThan(Files.size(first));
        assertThat(UndoJournal.sideDirectory(second)).as("the second run found every file in place")
                .doesNotExist();
    }

    private static String journal(String name, Path journal) throws IOException {
        return line(name, Files.size(journal)) + String.format(" (%,d uncompressed), .files: %,d bytes",
                uncompressed(journal), bytesUnder(UndoJournal.sideDirectory(journal)));
    }

    private static String line(String name, long bytes) {
        return String.format("%-36s %,15d bytes", name, bytes);
    }

    private static long uncompressed(Path journal) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(journal))) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private static long bytesUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).mapToLong(JournalSizeBenchmarkTest::size).sum();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path only(String suffix) throws IOException {
        try (Stream<Path> listed = Files.list(dir)) {
            return listed.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst().orElseThrow();
        }
    }

    private static void run(Sandbox stores, String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--mongo-host", stores.mongoUri(), "--elastic-host", stores.elasticUri().toString(),
                "--no-progress"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MigrateCommandLine.create(new PrintWriter(out), new PrintWriter(err), Environment.of(Map.of()))
                .execute(args.toArray(String[]::new));
        assertThat(code).as(out + "" + err).isZero();
    }
}
