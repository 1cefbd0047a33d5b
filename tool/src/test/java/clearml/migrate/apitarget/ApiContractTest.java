package clearml.migrate.apitarget;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.cli.Environment;
import clearml.migrate.relinking.StoredLinks;
import clearml.migrate.testing.CliRun;
import clearml.migrate.testing.StoreSnapshot;
import clearml.sandbox.Sandbox;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The target port's contract, the same for both adapters, through the command line: a genuine archive imported
 * into a fresh server, verified equal, imported again (no duplicates, still equal), then undone to the server as it
 * was; and a relink and its undo on what was imported. Direct: the sandbox's MongoDB and OpenSearch; API: the
 * sandbox's ClearML API stand-in over the same stores (not ClearML's apiserver, which cannot be installed here).
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class ApiContractTest {

    /** How the target is reached. */
    enum Adapter { DIRECT, API }

    /** The file server the genuine archive's links name, and the one a relink moves them to. */
    private static final String OLD_FILES = "http://localhost:8081";
    private static final String NEW_FILES = "https://files.example.com";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void importVerifyRerunAndUndoEndWhereTheyShould(Adapter adapter, @TargetServer Sandbox sandbox,
            @TargetServer ApiStandIn api) {
        Path archive = freshServerAndArchive(sandbox);
        Target target = new Target(adapter, sandbox, api);
        assertThat(target.run("ping").exitCode()).isZero(); // the API's first login is no part of the comparison
        StoreSnapshot before = StandInTarget.withoutLogins(sandbox);

        CliRun first = target.run("import", archive.toString(), "--undo-log", dir.resolve("1.undo.jsonl.gz")
                .toString());
        assertThat(first.exitCode()).as(first.output()).isZero();
        CliRun verified = target.run("verify", archive.toString());
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        StoreSnapshot imported = StandInTarget.withoutLogins(sandbox);

        CliRun again = target.run("import", archive.toString(), "--undo-log", dir.resolve("2.undo.jsonl.gz")
                .toString());
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(target.run("verify", archive.toString()).exitCode()).isZero();
        assertThat(StandInTarget.withoutLogins(sandbox).documents().get("backend.task")).hasSameSizeAs(
                imported.documents().get("backend.task"));

        for (String undoFile : target.undoFiles(archive)) {
            CliRun undone = target.run("undo", undoFile);
            assertThat(undone.exitCode()).as(undone.output()).isZero();
        }
        assertThat(StandInTarget.withoutLogins(sandbox).differences(before)).isEmpty();
    }

    /**
     * {@code relink} and its {@code undo}, directly and through the API: every URL of the old file server, in
     * entities and events alike, names the new one afterwards, place by place as many as before, and the undo
     * brings each back. Counted by {@link StoredLinks} in the stores themselves, independently of the tool.
     */
    @ParameterizedTest
    @EnumSource(Adapter.class)
    void relinkMovesEveryLinkToTheNewHostAndUndoMovesThemBack(Adapter adapter, @TargetServer Sandbox sandbox,
            @TargetServer ApiStandIn api) {
        Path archive = freshServerAndArchive(sandbox);
        Target target = new Target(adapter, sandbox, api);
        CliRun imported = target.run("import", archive.toString(), "--undo-log", dir.resolve("import.undo.jsonl.gz")
                .toString());
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        StoredLinks links = new StoredLinks(sandbox.mongoUri(), sandbox.elasticUri());
        Map<String, Long> linked = links.totals(OLD_FILES, found -> true);
        assertThat(linked).as("the archive's model URI, artifact and debug image").hasSize(3);

        String journal = dir.resolve("relink.undo.jsonl.gz").toString();
        CliRun relinked = target.run("relink", "--host-source", OLD_FILES, "--host-target", NEW_FILES, "--undo-log",
                journal);
        assertThat(relinked.exitCode()).as(relinked.output()).isZero();
        assertThat(links.totals(OLD_FILES, found -> true)).isEmpty();
        assertThat(links.totals(NEW_FILES, found -> true)).isEqualTo(linked);

        CliRun undone = target.run("undo", journal);
        assertThat(undone.exitCode()).as(undone.output()).isZero();
        assertThat(links.totals(NEW_FILES, found -> true)).isEmpty();
        assertThat(links.totals(OLD_FILES, found -> true)).isEqualTo(linked);
    }

    /** Initializes the sandbox as a server that just started; answers a copy of the genuine archive. */
    private Path freshServerAndArchive(Sandbox sandbox) {
        FreshServer.initialize(sandbox.mongoUri(), FreshServer.DEFAULT_COMPANY, "clearml");
        return StandInTarget.fixture("clearml-server-2.0.0", dir);
    }

    /** The command line's flags for one adapter. */
    private record Target(Adapter adapter, Sandbox sandbox, ApiStandIn api) {

        CliRun run(String... args) {
            List<String> all = new ArrayList<>(List.of(args));
            if (!args[0].equals("ping")) {
                all.add("--no-progress");
            }
            if (adapter == Adapter.API) {
                all.addAll(List.of("--api-host", api.url()));
                return CliRun.exactly(Environment.of(Map.of("CLEARML_API_ACCESS_KEY",
                        api.adminCredentials().accessKey(), "CLEARML_API_SECRET_KEY",
                        api.adminCredentials().secretKey())), all.toArray(String[]::new));
            }
            all.addAll(List.of("--mongo-host", sandbox.mongoUri(), "--elastic-host", sandbox.elasticUri().toString()));
            if (args[0].equals("import") || args[0].equals("verify")) {
                all.addAll(List.of("--company", FreshServer.DEFAULT_COMPANY));
            }
            return CliRun.exactly(all.toArray(String[]::new));
        }

        /** Newest first: the direct import's journals, or the API import's id map. */
        List<String> undoFiles(Path archive) {
            Path dir = archive.getParent();
            return adapter == Adapter.API ? List.of(IdMap.besideArchive(archive).toString())
                    : List.of(dir.resolve("2.undo.jsonl.gz").toString(), dir.resolve("1.undo.jsonl.gz").toString());
        }
    }
}
