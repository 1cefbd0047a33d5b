package clearml.migrate.apitarget;

import clearml.migrate.api.ApiClient;
import clearml.migrate.api.ApiJson;
import clearml.migrate.api.ApiRequest;
import clearml.migrate.api.ApiResponse;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.failures.UsageException;
import clearml.migrate.files.FileStore;
import clearml.migrate.progress.Progress;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code undo --api-host}: deletes what imports through the API created, as their id map names it, newest first:
 * tasks (with their events; not to the trash, output models kept for their own turn), models, then projects, which
 * the server refuses to delete while they hold anything else (then they are kept, and said so). An import through
 * the API only ever changes entities it created, so deleting them puts the server back; what the server changed on
 * its own (the time a merged-into project was last updated, parents a project path created) stays. Then the files
 * the import placed, newest first: deleted, except one that replaced a file already there, whose earlier content
 * the map does not hold (kept, and said so). Each deletion is forgotten in the map as it succeeds, so an
 * interrupted undo can run again.
 */
public final class ApiUndoer {

    private final ApiClient client;
    private final Function<String, FileStore> fileStores;

    /**
     * @param fileStores opens a file store by the location the id map records; the undo closes what it opened.
     */
    public ApiUndoer(ApiClient client, Function<String, FileStore> fileStores) {
        this.client = client;
        this.fileStores = fileStores;
    }

    public ApiUndoReport run(Path mapFile, boolean dryRun, Progress progress) {
        if (!Files.isRegularFile(mapFile)) {
            throw new UsageException("no id map to undo through the API: " + mapFile + " is not there; undo --api-host takes the <archive>.ids.jsonl an "
                    + "import through the API wrote beside the archive");
        }
        ApiTarget target = ApiTarget.of(client);
        Map<String, Long> deleted = new TreeMap<>();
        Map<String, Long> gone = new TreeMap<>();
        List<String> kept = new ArrayList<>();
        try (IdMap ids = IdMap.open(mapFile, target.server(), target.company())) {
            for (EntityKind kind : List.of(EntityKind.TASK, EntityKind.MODEL, EntityKind.PROJECT)) {
                Map<String, String> created = ids.created(kind);
                progress.start("delete imported " + kind.name().toLowerCase(Locale.ROOT) + "s", created.size());
                List<String> archivedNewestFirst = new ArrayList<>(created.keySet());
                java.util.Collections.reverse(archivedNewestFirst);
                for (String archived : archivedNewestFirst) {
                    String outcome = dryRun ? "deleted" : delete(kind, created.get(archived));
                    String name = kind.name().toLowerCase(Locale.ROOT);
                    switch (outcome) {
                        case "deleted" -> deleted.merge(name, 1L, Long::sum);
                        case "gone" -> gone.merge(name, 1L, Long::sum);
                        default -> kept.add(name + " " + created.get(archived) + " (archived " + archived + "): "
                                + outcome);
                    }
                    if (!dryRun && !outcome.startsWith("kept")) {
                        ids.forget(kind, archived);
                    }
                    progress.advance(1);
                }
                progress.finish();
            }
            deleteFiles(ids, dryRun, deleted, gone, kept, progress);
        }
        return new ApiUndoReport(mapFile.toString(), target.server(), dryRun, deleted, gone, kept, List.of(
                "projects the server created as parents of an imported project path, and the last-update time of "
                        + "projects imported entities were merged into, stay as the server left them"));
    }

    /** The files the map records as placed, newest first; each store opened once. */
    private void deleteFiles(IdMap ids, boolean dryRun, Map<String, Long> deleted, Map<String, Long> gone,
            List<String> kept, Progress progress) {
        List<IdMap.PlacedFile> placed = new ArrayList<>(ids.placedFiles());
        java.util.Collections.reverse(placed);
        progress.start("delete placed files", placed.size());
        Map<String, FileStore> open = new java.util.HashMap<>();
        try {
            for (IdMap.PlacedFile file : placed) {
                if (file.replaced()) {
                    kept.add("file " + file.path() + " on " + file.location() + ": it replaced a file already there,"
                            + " whose earlier content an import through the API does not keep");
                } else if (dryRun) {
                    deleted.merge("file", 1L, Long::sum);
                } else {
                    boolean was = open.computeIfAbsent(file.location(), fileStores).delete(file.path());
                    (was ? deleted : gone).merge("file", 1L, Long::sum);
                    ids.forgetFile(file);
                }
                progress.advance(1);
            }
        } finally {
            open.values().forEach(FileStore::close);
        }
        progress.finish();
    }

    /** {@code deleted}, {@code gone}, or {@code kept: <the server's reason>}. */
    private String delete(EntityKind kind, String targetId) {
        ObjectNode body = ApiJson.object().put(ApiEntities.field(kind), targetId);
        switch (kind) {
            case TASK -> body.put("force", true).put("move_to_trash", false).put("delete_output_models", false)
                    .put("return_file_urls", false);
            case MODEL -> body.put("force", true);
            case PROJECT -> body.put("force", false).put("delete_contents", false);
        }
        if (kind == EntityKind.MODEL) {
            // Model events stay behind a deleted model otherwise (data model §2.6).
            client.send(ApiRequest.json("events.delete_for_model", ApiJson.object().put("model", targetId)
                    .put("allow_locked", true)));
        }
        ApiResponse answer = client.send(ApiRequest.json(ApiEntities.endpoint(kind, "delete"), body));
        if (answer.isSuccess()) {
            return "deleted";
        }
        if (answer.resultCode() == 400 && answer.resultMsg().toLowerCase(Locale.ROOT).contains("invalid")
                && answer.resultMsg().toLowerCase(Locale.ROOT).contains("id")) {
            return "gone";
        }
        if (kind == EntityKind.PROJECT && answer.resultCode() == 400) {
            return "kept: " + answer.resultMsg();
        }
        throw client.rejected(answer);
    }
}
