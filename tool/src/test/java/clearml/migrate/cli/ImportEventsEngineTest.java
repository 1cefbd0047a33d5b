package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.importing.SmallArchive;
import clearml.migrate.importing.StoredEvents;
import clearml.migrate.importing.StoredEvents.Stored;
import clearml.migrate.testing.CliRun;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.SearchEngine;
import clearml.sandbox.junit.SearchEngineTest;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Event rules of the import on OpenSearch 2.19 and Elasticsearch 7.17. */
@ExtendWith(SandboxExtension.class)
@FreshStores
class ImportEventsEngineTest {

    private static final String COMPANY = "e0gine00000000000000000000000001";

    /** The target is a ClearML server that has started once: import refuses a MongoDB without its database. */
    @BeforeEach
    void serverStartedOnce(@TargetServer Sandbox target) {
        FreshServer.initialize(target.mongoUri(), COMPANY, "target");
    }

    @SearchEngineTest
    void reimportDeletesTheTasksOtherEventsAndKeepsTheSameIds(@TargetServer Sandbox target, SearchEngine engine,
            @TempDir Path dir) {
        StoredEvents.deleteAll(engine.uri(), COMPANY);
        Path archive = SmallArchive.write(dir);
        importInto(target, engine, archive);
        Map<String, Stored> first = StoredEvents.of(engine.uri(), COMPANY);
        assertThat(first).hasSize(4);
        TestEvents.index(engine.uri(), "events-log-" + COMPANY, "stray-log", "{\"task\":\"" + SmallArchive.SUB_TASK
                + "\",\"type\":\"log\",\"msg\":\"left over\",\"timestamp\":1}");
        TestEvents.index(engine.uri(), "events-log-" + COMPANY, "other-task-log", "{\"task\":\"someone else\","
                + "\"type\":\"log\",\"msg\":\"not ours\",\"timestamp\":1}");

        importInto(target, engine, archive);

        Map<String, Stored> second = StoredEvents.of(engine.uri(), COMPANY);
        assertThat(second).doesNotContainKey("stray-log").containsKey("other-task-log");
        second.remove("other-task-log");
        assertThat(second).as("same ids and sources, logs included").isEqualTo(first);
    }

    private static void importInto(Sandbox target, SearchEngine engine, Path archive) {
        CliRun run = CliRun.run("import", archive.toString(), "--company", COMPANY, "--mongo-host", target.mongoUri(),
                "--elastic-host", engine.uri().toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.output()).isZero();
    }
}
