package clearml.sandbox.launcher;

import clearml.sandbox.Sandbox;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.fileserver.FileServerStandIn;
import clearml.sandbox.seed.FreshServer;
import clearml.sandbox.seed.SeedReport;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/**
 * {@code up}: starts a source and a target sandbox, seeds the source, prints their addresses, writes the ready file
 * (design.md §5) and runs until SIGTERM or Ctrl-C, then stops both. With {@code --api} each server also gets a
 * ClearML API stand-in and a file-server stand-in, whose addresses and keys the ready file adds.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start a seeded source and a freshly started target server; run until interrupted.")
final class UpCommand implements Callable<Integer> {

    @Option(names = "--seed", defaultValue = "small", paramLabel = "SIZE",
            description = "Seed the source: small, medium, large or none (default: ${DEFAULT-VALUE}).")
    private String seed = "small";

    @Option(names = "--ready-file", paramLabel = "FILE",
            description = "Once both servers are up, write their addresses here as JSON.")
    private @Nullable Path readyFile;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Keep node data and file-server directories under DIR/source and DIR/target"
                    + " (default: a temporary directory, deleted on stop).")
    private @Nullable Path workDir;

    @Option(names = "--api",
            description = "Also start a ClearML API stand-in and a file-server stand-in for each server; the ready"
                    + " file adds their addresses (api, files_host) and an admin and a user key.")
    private boolean api;

    @Option(names = "--target-reindex-from-source",
            description = "Start the target's search engine with the source's in its reindex.remote.allowlist, so"
                    + " that a copy's events may move by _reindex from the remote source (--events-via auto).")
    private boolean reindexFromSource;

    @Spec
    private @Nullable CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        @Nullable SeedSize size = seedSize();
        Sandbox source = start("source", Sandbox.SOURCE_FILESERVER_URL, List.of());
        List<String> allowlist = reindexFromSource
                ? List.of(source.elasticUri().getHost() + ":" + source.elasticUri().getPort()) : List.of();
        Sandbox target = startOrClose("target", Sandbox.TARGET_FILESERVER_URL, source, allowlist);
        CountDownLatch stopped = new CountDownLatch(1);
        List<AutoCloseable> standIns = Collections.synchronizedList(new ArrayList<>());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(source, target, standIns, stopped),
                "sandbox-stop"));
        System.out.println("source started in " + source.startTime().toMillis() + " ms");
        System.out.println("target started in " + target.startTime().toMillis() + " ms");
        if (size != null) {
            seedSource(source, size);
        } else if (api) {
            FreshServer.initialize(source.mongoUri(), FreshServer.DEFAULT_COMPANY, "clearml");
        }
        FreshServer.initialize(target.mongoUri(), FreshServer.TARGET_COMPANY, "Target Corp");
        ServerInfo sourceInfo = ServerInfo.of(source);
        ServerInfo targetInfo = ServerInfo.of(target);
        if (api) {
            sourceInfo = withStandIns(source, sourceInfo, standIns);
            targetInfo = withStandIns(target, targetInfo, standIns);
        }
        announce(sourceInfo, targetInfo);
        stopped.await();
        return 0;
    }

    /** Starts the API and file-server stand-ins of {@code sandbox}; {@code standIns} keeps them for the stop. */
    private static ServerInfo withStandIns(Sandbox sandbox, ServerInfo info, List<AutoCloseable> standIns) {
        ApiStandIn apiStandIn = ApiStandIn.start(sandbox);
        standIns.add(apiStandIn);
        FileServerStandIn files = FileServerStandIn.start(sandbox.fileserverDir(), apiStandIn::tokenRejection);
        standIns.add(files);
        return info.with(apiStandIn, files);
    }

    /** Checked before the servers start, which takes half a minute. */
    private @Nullable SeedSize seedSize() {
        if ("none".equalsIgnoreCase(seed)) {
            return null;
        }
        try {
            return SeedSize.named(seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(Objects.requireNonNull(spec).commandLine(),
                    "unknown seed size '" + seed + "': use small, medium, large or none");
        }
    }

    private void seedSource(Sandbox source, SeedSize size) {
        SeedReport report = new Seeder().seed(source.mongoUri(), source.elasticUri(), source.fileserverDir(),
                source.fileserverUrl(), size);
        System.out.println("seeded source (" + seed + ") in " + report.elapsed().toMillis() + " ms: "
                + report.mongoDocuments() + " documents, " + report.events() + " events, " + report.files()
                + " files");
    }

    private Sandbox startOrClose(String name, String fileserverUrl, Sandbox started, List<String> allowlist) {
        try {
            return start(name, fileserverUrl, allowlist);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    private Sandbox start(String name, String fileserverUrl, List<String> allowlist) {
        return workDir == null
                ? Sandbox.startTemporary(name, fileserverUrl, allowlist)
                : Sandbox.start(workDir.resolve(name).toAbsolutePath(), fileserverUrl, allowlist);
    }

    private void announce(ServerInfo source, ServerInfo target) throws IOException {
        System.out.println("source  " + source.describe());
        System.out.println("target  " + target.describe());
        if (readyFile != null) {
            Map<String, ServerInfo> servers = new LinkedHashMap<>();
            servers.put("source", source);
            servers.put("target", target);
            writeAtomically(readyFile, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(servers));
        }
        System.out.println("READY (stop with Ctrl-C or SIGTERM)");
    }

    private static void stop(Sandbox source, Sandbox target, List<AutoCloseable> standIns, CountDownLatch stopped) {
        try (source; target) {
            System.out.println("stopping");
            closeNewestFirst(standIns);
        } finally {
            System.out.println("STOPPED");
            stopped.countDown();
        }
    }

    private static void closeNewestFirst(List<AutoCloseable> standIns) {
        List<AutoCloseable> newestFirst = new ArrayList<>(standIns);
        Collections.reverse(newestFirst);
        for (AutoCloseable standIn : newestFirst) {
            try {
                standIn.close();
            } catch (Exception e) {
                System.out.println("could not stop " + standIn + ": " + e.getMessage());
            }
        }
    }

    /** Scripts poll for the file, so it must appear complete or not at all. */
    private static void writeAtomically(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        Files.writeString(temporary, content);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
