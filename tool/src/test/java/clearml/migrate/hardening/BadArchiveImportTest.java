package clearml.migrate.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.importing.SmallArchive;
import clearml.migrate.importing.TestArchive;
import clearml.migrate.testing.CliRun;
import clearml.migrate.testing.StoreSnapshot;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hostile or broken archive given to {@code clearml-migrate import} ends in one line and exit 4, and the target
 * (every collection of {@code backend} and {@code auth}, every event index's count, every file-server file) is
 * exactly as before; or, where skipping is right, the rest is imported and the skip is reported.
 *
 * <p>Cases already covered end to end through the command line elsewhere, not repeated here:
 * <table>
 * <caption>Bad input covered by other tests</caption>
 * <tr><th>case</th><th>test</th><th>message fragment</th></tr>
 * <tr><td>truncated zip (import)</td><td>{@code cli.ImportValidationTest} "a corrupt zip"</td>
 *     <td>not a readable zip</td></tr>
 * <tr><td>truncated zip (inspect)</td><td>{@code proof.InspectCommandTest#aCorruptFileIsOneLineAndExitFour}</td>
 *     <td>exit 4</td></tr>
 * <tr><td>pretty-printed entry</td><td>{@code cli.ImportValidationTest} "a pretty-printed task"</td>
 *     <td>one JSON document per line</td></tr>
 * <tr><td>unknown entry name</td><td>{@code cli.ImportValidationTest} "an unknown entry"</td>
 *     <td>unknown entry</td></tr>
 * <tr><td>document without {@code _id}</td><td>{@code cli.ImportValidationTest}</td><td>no _id</td></tr>
 * <tr><td>unknown event type</td><td>{@code cli.ImportValidationTest}</td>
 *     <td>Unknown ClearML event type 'audio'</td></tr>
 * <tr><td>unknown status names (export {@code --statuses})</td>
 *     <td>{@code cli.ExportCommandTest#refusesUnknownStatusListingTheValidOnes}</td>
 *     <td>exit 2, the name and the valid ones</td></tr>
 * <tr><td>events of a task not in the archive (verify)</td>
 *     <td>{@code proof.VerifyCommandTest#eventsOfATaskTheArchiveDoesNotHoldAreSkippedWithANote}</td><td>a note</td></tr>
 * </table>
 * Those tests check the target's project, task, model and user collections and one company's events; the cases
 * here check the whole target.
 */
@ExtendWith(SandboxExtension.class)
class BadArchiveImportTest {

    private static final String COMPANY = FreshServer.TARGET_COMPANY;
    private static final String TASKS = "database.model.task.task.Task.json";
    private static final String STRANGER = "d0000000000000000000000000000009";

    private Sandbox target;
    private StoreSnapshot before;

    @TempDir
    Path dir;

    /** A target that already holds an imported archive, events and a file, so that "unchanged" means something. */
    @BeforeEach
    void prepareTarget(@TargetServer Sandbox sandbox) throws IOException {
        target = sandbox;
        target.reset();
        FreshServer.initialize(target.mongoUri(), COMPANY, "target");
        Path existing = Files.createDirectories(dir.resolve("existing"));
        CliRun first = importArchive(SmallArchive.write(existing));
        assertThat(first.exitCode()).as(first.output()).isZero();
        Files.createDirectories(target.fileserverDir().resolve("Team"));
        Files.writeString(target.fileserverDir().resolve("Team/kept.txt"), "kept");
        before = snapshot();
    }

    static Stream<Arguments> fatalArchives() {
        return Stream.of(
                Arguments.of("path traversal in an entry name", "entry ../" + TASKS + ": unsafe entry name",
                        (Function<Path, Path>) dir -> SmallArchive.builder().raw("../" + TASKS, "[\n]")
                                .writeTo(dir, "traversal.zip")),
                Arguments.of("path traversal in .artifacts", "entry ../../escaped.txt: unsafe name",
                        (Function<Path, Path>) dir -> withCompanion(SmallArchive.write(dir),
                                Map.of("Team/Sub/fine.txt", "fine", "../../escaped.txt", "evil"))),
                Arguments.of("zip bomb: an entry inflating beyond its declared size", "more than 1000 bytes",
                        (Function<Path, Path>) BadArchiveImportTest::lyingBomb),
                Arguments.of("a line that is not JSON", "line 3: not one JSON document",
                        (Function<Path, Path>) dir -> SmallArchive.builder().raw(TASKS,
                                "[\n{\"_id\": \"t1\", \"name\": \"a\"},\nnot json at all\n]").writeTo(dir, "text.zip")),
                Arguments.of("a duplicate _id", "duplicate _id t1, first seen on line 2",
                        (Function<Path, Path>) dir -> SmallArchive.builder().tasks(
                                "{\"_id\": \"t1\", \"name\": \"a\"}", "{\"_id\": \"t1\", \"name\": \"b\"}")
                                .writeTo(dir, "dup.zip")),
                Arguments.of("a future format version", "format_version 3 is newer than this tool understands (2)",
                        (Function<Path, Path>) dir -> SmallArchive.builder().raw("metadata.json",
                                "{\"clearml_migrate\": {\"format_version\": 3, \"tool_version\": \"9.0.0\"}}")
                                .writeTo(dir, "future.zip")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fatalArchives")
    void refusesWithOneLineAndLeavesTheWholeTargetUnchanged(String what, String fragment,
            Function<Path, Path> archive) {
        // --new-ids: an import that wrote anything would add copies, not rewrite what the first import stored.
        CliRun run = importArchive(archive.apply(dir), "--new-ids", "--artifacts-to", target.fileserverDir().toString());

        assertThat(run.exitCode()).as(run.output()).isEqualTo(4);
        assertThat(run.oneErrorLine()).startsWith("clearml-migrate: ").contains(fragment);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void eventsOfATaskTheArchiveDoesNotHoldAreSkippedAndSaidSo() {
        TestArchive archive = SmallArchive.builder().events(STRANGER,
                "{\"task\":\"" + STRANGER + "\",\"type\":\"log\",\"timestamp\":1700000000100,\"iter\":0,"
                        + "\"level\":\"info\",\"msg\":\"orphan\",\"model_event\":false,"
                        + "\"@timestamp\":\"2023-11-14T22:13:20.100Z\",\"worker\":\"\",\"metric\":\"\",\"variant\":\"\"}");

        CliRun run = importArchive(archive.writeTo(dir, "orphan.zip"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("1 events entries belong to no task or model of the archive;"
                + " their events were not imported");
        assertThat(snapshot()).as("the same archive without the orphan entry was imported before").isEqualTo(before);
    }

    /**
     * An unknown status passes through, as ClearML's importer stores it and as unknown values pass through
     * everywhere (a newer server may know it); {@code inspect} is where it is named.
     */
    @Test
    void anUnknownStatusInTheArchiveIsKeptByImportAndNamedByInspect() {
        Path archive = SmallArchive.builder().tasks("{\"_id\": \"" + STRANGER + "\", \"name\": \"odd\","
                + " \"type\": \"training\", \"status\": \"exploded\", \"project\": \"" + SmallArchive.ROOT + "\"}")
                .writeTo(dir, "status.zip");

        CliRun inspect = CliRun.exactly("inspect", archive.toString());
        CliRun run = importArchive(archive);

        assertThat(inspect.exitCode()).as(inspect.output()).isEqualTo(1);
        assertThat(inspect.out()).contains("task " + STRANGER + ": unknown status \"exploded\"");
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(snapshot().collection("backend.task"))
                .anySatisfy(task -> assertThat(task).containsEntry("_id", STRANGER).containsEntry("status", "exploded"));
    }

    private CliRun importArchive(Path archive, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("import", archive.toString(), "--company", COMPANY,
                "--mongo-host", target.mongoUri(), "--elastic-host", target.elasticUri().toString(), "--no-progress"));
        args.addAll(List.of(more));
        return CliRun.exactly(args.toArray(String[]::new));
    }

    private StoreSnapshot snapshot() {
        return StoreSnapshot.of(target.mongoUri(), target.elasticUri(), target.fileserverDir());
    }

    private static Path withCompanion(Path archive, Map<String, String> files) {
        Path companion = archive.resolveSibling(archive.getFileName().toString().replace(".zip", ".artifacts"));
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(companion)) {
            for (Map.Entry<String, String> file : new java.util.TreeMap<>(files).descendingMap().entrySet()) {
                zip.putArchiveEntry(new ZipArchiveEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return archive;
    }

    /**
     * 16 MiB of zeros (a few kilobytes deflated) in the tasks entry, whose headers then claim 1000 bytes: the reader
     * must stop at the claimed size instead of inflating on.
     */
    private static Path lyingBomb(Path dir) {
        Path zip = dir.resolve("bomb.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            ZipArchiveEntry entry = new ZipArchiveEntry(TASKS);
            entry.setMethod(ZipArchiveEntry.DEFLATED);
            out.putArchiveEntry(entry);
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 16; i++) {
                out.write(zeros);
            }
            out.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        declareUncompressedSize(zip, 1000);
        return zip;
    }

    // The uncompressed size sits at offset 22 of the (first) local header and 24 of the central directory entry.
    private static void declareUncompressedSize(Path zip, int size) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(zip)).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(bytes.getInt(0)).isEqualTo(0x04034b50);
            bytes.putInt(22, size);
            for (int at = bytes.limit() - 22; at > 0; at--) {
                if (bytes.getInt(at) == 0x02014b50) {
                    bytes.putInt(at + 24, size);
                    break;
                }
            }
            Files.write(zip, bytes.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
