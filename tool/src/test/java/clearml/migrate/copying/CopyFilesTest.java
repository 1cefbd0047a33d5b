package clearml.migrate.copying;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.archive.ArtifactsZip;
import clearml.migrate.testing.CliRun;
import clearml.migrate.testing.LiveSource;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import clearml.sandbox.seed.FreshServer;
import clearml.sandbox.seed.SeedSize;
import clearml.sandbox.seed.Seeder;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code copy} and {@code sync} with {@code --artifacts-from}/{@code --artifacts-to} between the sandbox's seeded
 * source file-server directory and the target's: the files the copied documents and events refer to (what
 * {@code export --artifacts-from} puts in its companion) arrive byte for byte, verify counts them, a rerun places
 * nothing, undo removes them, and a sync moves only a file added since the last pass.
 */
@ExtendWith(SandboxExtension.class)
class CopyFilesTest {

    private static final List<String> EXPORTABLE = List.of("created", "stopped", "publishing", "published", "closed",
            "failed", "completed", "unknown");
    static final String ADDED = "added after the first pass/extra.txt";

    @TempDir
    Path dir;

    @Test
    void aCopyPlacesEveryReferencedFileARerunNoneAndUndoRemovesThem(Sandbox source, @TargetServer Sandbox target)
            throws IOException {
        String company = seeded(source, target);
        List<String> referenced = exportedFiles(source, company);
        assertThat(referenced).as("the seed refers to files").isNotEmpty();

        CliRun copied = run(source, target, "copy", company, "first");

        ok(copied);
        assertThat(copied.out()).contains("files: " + referenced.size() + " created, 0 replaced, 0 unchanged")
                .containsPattern("artifact files +" + referenced.size() + "\\b")
                .contains("Equal: the target holds what the source holds.");
        assertThat(files(target.fileserverDir())).isEqualTo(contents(source.fileserverDir(), referenced));

        CliRun again = run(source, target, "copy", company, "again");
        ok(again);
        assertThat(again.out()).contains("files: 0 created, 0 replaced, " + referenced.size() + " unchanged");

        ok(undo(target, "again"));
        assertThat(files(target.fileserverDir())).as("the rerun placed nothing to take back").hasSize(
                referenced.size());
        ok(undo(target, "first"));
        assertThat(files(target.fileserverDir())).isEmpty();
    }

    @Test
    void aSyncAfterAFileWasAddedToATaskMovesThatFileOnly(Sandbox source, @TargetServer Sandbox target)
            throws IOException {
        String company = seeded(source, target);
        ok(run(source, target, "sync", company, "first"));
        Map<String, String> afterFirst = files(target.fileserverDir());

        addFile(source, company);
        CliRun delta = run(source, target, "sync", company, "delta");

        ok(delta);
        assertThat(delta.out()).containsPattern("files: 1 created, 0 replaced, \\d+ unchanged").contains("Equal");
        Map<String, String> expected = new TreeMap<>(afterFirst);
        expected.put(ADDED, "a file a live server wrote after the first pass");
        assertThat(files(target.fileserverDir())).isEqualTo(expected);
        ok(undo(target, "delta"));
        assertThat(files(target.fileserverDir())).isEqualTo(afterFirst);
    }

    /**
     * As a live server would: a new artifact file on the first task by id, its document pointing at it, and new log
     * events; returns that task's id.
     */
    static String addFile(Sandbox source, String company) throws IOException {
        Path file = source.fileserverDir().resolve(ADDED);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "a file a live server wrote after the first pass");
        String url = source.fileserverUrl() + "/" + ADDED.replace(" ", "%20");
        try (MongoClient mongo = MongoClients.create(source.mongoUri())) {
            MongoCollection<Document> tasks = mongo.getDatabase("backend").getCollection("task");
            String task = tasks.find(Filters.and(Filters.eq("company", company), Filters.in("status", EXPORTABLE)))
                    .sort(new Document("_id", 1)).first().getString("_id");
            tasks.updateOne(Filters.eq("_id", task), Updates.combine(Updates.set("execution.artifacts.extra_output",
                    new Document("key", "extra").append("type", "custom").append("mode", "output").append("uri", url)),
                    Updates.set("last_change", new Date())));
            // Its events grow too: the pass streams them through the import (the files move), appended.
            LiveSource.addLogs(source.mongoUri(), source.elasticUri(), company, task, 2);
            return task;
        }
    }

    /** The files {@code export --artifacts-from} collects for the same selection: its companion's entries. */
    private List<String> exportedFiles(Sandbox source, String company) throws IOException {
        Path out = Files.createDirectories(dir.resolve("export"));
        List<String> args = new ArrayList<>(List.of("export", "--all", "--company", company, "--include-archived",
                "--output", out.resolve("all.zip").toString(), "--mongo-host", source.mongoUri(),
                "--elastic-host", source.elasticUri().toString(), "--artifacts-from",
                source.fileserverDir().toString(), "--no-progress", "--statuses"));
        args.addAll(EXPORTABLE);
        ok(CliRun.run(args.toArray(String[]::new)));
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.getFileName().toString().contains(".artifacts")).findFirst()
                    .map(ArtifactsZip::entryNames).orElseThrow().stream().filter(name -> !name.endsWith("/"))
                    .toList();
        }
    }

    private CliRun run(Sandbox source, Sandbox target, String command, String company, String journal) {
        List<String> args = new ArrayList<>(List.of(command, "--all", "--company", company, "--include-archived",
                "--target-company", FreshServer.TARGET_COMPANY,
                "--from-mongo-host", source.mongoUri(), "--from-elastic-host", source.elasticUri().toString(),
                "--to-mongo-host", target.mongoUri(), "--to-elastic-host", target.elasticUri().toString(),
                "--artifacts-from", source.fileserverDir().toString(),
                "--artifacts-to", target.fileserverDir().toString(),
                "--journal", dir.resolve(journal + ".undo.jsonl.gz").toString(), "--no-progress", "--statuses"));
        args.addAll(EXPORTABLE);
        return CliRun.run(args.toArray(String[]::new));
    }

    private CliRun undo(Sandbox target, String journal) {
        return CliRun.run("undo", dir.resolve(journal + ".undo.jsonl.gz").toString(), "--mongo-host",
                target.mongoUri(), "--elastic-host", target.elasticUri().toString(), "--no-progress");
    }

    private static String seeded(Sandbox source, Sandbox target) {
        source.reset();
        target.reset();
        FreshServer.initialize(target.mongoUri(), FreshServer.TARGET_COMPANY, "target");
        return new Seeder().seed(source.mongoUri(), source.elasticUri(), source.fileserverDir(),
                source.fileserverUrl(), SeedSize.small()).companies().get(0);
    }

    /** Every regular file under {@code root} by relative path, with its content. */
    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(file -> files.put(
                    root.relativize(file).toString().replace('\\', '/'), read(file)));
        }
        return files;
    }

    private static Map<String, String> contents(Path root, List<String> paths) {
        Map<String, String> files = new TreeMap<>();
        paths.forEach(path -> files.put(path, read(root.resolve(path))));
        return files;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void ok(CliRun run) {
        assertThat(run.exitCode()).as(run.output()).isZero();
    }
}
