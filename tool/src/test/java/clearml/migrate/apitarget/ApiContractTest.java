package clearml.migrate.apitarget;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.cli.Environment;
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
 * was. Direct: the sandbox's MongoDB and OpenSearch; API: the sandbox's ClearML API stand-in over the same stores
 * (not ClearML's apiserver, which cannot be installed here).
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class ApiContractTest {

    /** How the target is reached. */
    enum Adapter { DIRECT, API }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Adapter.class)
    void importVerifyRerunAndUndoEndWhereTheyShould(Adapter adapter, @TargetServer Sandbox sandbox,
            @TargetServer ApiStandIn api) {
        FreshServer.initialize(sandbox.mongoUri(), FreshServer.DEFAULT_COMPANY, "clearml");
        Path archive = StandInTarget.fixture("clearml-server-2.0.0", dir);
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
