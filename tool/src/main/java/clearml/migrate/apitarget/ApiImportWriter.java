package clearml.migrate.apitarget;

import clearml.migrate.api.ApiJson;
import clearml.migrate.archive.ArchiveContent;
import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.importing.EntityAction;
import clearml.migrate.importing.PlannedImport;
import clearml.migrate.progress.Progress;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * The writing half of an import through the REST API, once the plan is made. The server chooses ids, so entities
 * are written in the order their references need: projects (parents first), models (not ready, so they take
 * events), tasks; then the references to entities created after their holder (a task's {@code parent}, a model's
 * {@code task}) are set with an edit. Then, per model and task: its events, a report's text (taken only by a draft),
 * its final state (a model's readiness, a task's status calls) last, and a read-back compared with what was expected ({@link ReadBack}). Each created
 * entity is in the {@link IdMap} before the next call, so a rerun updates instead of creating again: an existing
 * task is reset (events, statistics and status cleared, output models kept) and edited, an existing model has its
 * events deleted and is edited.
 */
final class ApiImportWriter {

    private final Caller caller;
    private final PlannedImport planned;
    private final IdMap ids;
    private final IdRemap remap;
    private final EventUpload events;
    private final Set<String> written = new HashSet<>();
    private final Set<String> unchanged = new HashSet<>();
    private final Set<String> resetTasks = new HashSet<>();
    private final Map<String, String> modelTasks = new HashMap<>();
    private final Set<String> createdNames = new HashSet<>();
    private long mergedNamesakes;
    private final Map<String, Pending> forwardReferences = new LinkedHashMap<>();
    private final ReadBackPages readBack;
    private final Map<EntityKind, long[]> createdUpdated = new EnumMap<>(EntityKind.class);

    ApiImportWriter(Caller caller, PlannedImport planned, IdMap ids, int eventBatchBytes) {
        this.caller = caller;
        this.planned = planned;
        this.ids = ids;
        Set<String> merged = new HashSet<>();
        planned.mergedProjects().forEach(project -> merged.add(planned.ids().project(project)));
        this.remap = new IdRemap(ids, written::contains, merged::contains);
        this.events = new EventUpload(caller.client(), planned, eventBatchBytes);
        this.readBack = new ReadBackPages(caller.client(), ids, IdRemap.expecting(ids), caller::actsAs);
        for (EntityKind kind : EntityKind.values()) {
            createdUpdated.put(kind, new long[2]);
        }
    }

    /** What the writes did. */
    record Outcome(Map<EntityKind, long[]> createdUpdated, long unchanged, long eventsSent, long eventsRefused,
            List<FieldDifference> differences, long notOwned, long idValuesMapped, long mergedNamesakes) {
    }

    Outcome write(ArchiveContent reader, Progress progress) {
        skipFinished(reader, EntityKind.MODEL, progress);
        skipFinished(reader, EntityKind.TASK, progress);
        collectWritten(reader);
        writeProjects(reader, progress);
        createAll(reader, EntityKind.MODEL, progress);
        createAll(reader, EntityKind.TASK, progress);
        setForwardReferences();
        relinkOutputModels();
        finishAll(reader, EntityKind.MODEL, progress);
        finishAll(reader, EntityKind.TASK, progress);
        return new Outcome(createdUpdated, unchanged.size(), events.sent(), events.refused(), readBack.differences(), caller.notOwned(),
                remap.userValues(), mergedNamesakes);
    }

    /**
     * A rerun leaves alone the models and tasks a former run finished (marked done in the id map). Any other the map
     * names is taken back to where a create leaves it: a task is reset (its events, statistics, status and
     * output-model links cleared, the models kept), before any model is written, since a reset unlinks the task's
     * output models (finished ones are linked again by {@link #relinkOutputModels}); a model is deleted and created
     * afresh, because the API cannot clear the statistics its events left.
     */
    private void skipFinished(ArchiveContent reader, EntityKind kind, Progress progress) {
        progress.start("find the " + plural(kind) + " a former run finished", -1);
        try (CloseableIterator<Document> documents = reader.entities(kind)) {
            while (documents.hasNext()) {
                Document document = documents.next();
                String archivedId = String.valueOf(document.get("_id"));
                String targetId = ids.target(kind, archivedId);
                if (targetId != null && planned.action(kind, archivedId) == EntityAction.OVERWRITE) {
                    if (ids.isDone(kind, archivedId)) {
                        unchanged.add(archivedId);
                        if (kind == EntityKind.MODEL && document.get("task") != null) {
                            modelTasks.put(archivedId, String.valueOf(document.get("task")));
                        }
                    } else {
                        takeBack(kind, archivedId, targetId);
                    }
                }
                progress.advance(1);
            }
        }
        progress.finish();
    }

    private void takeBack(EntityKind kind, String archivedId, String targetId) {
        if (kind == EntityKind.TASK) {
            caller.call("tasks.reset", ApiJson.object().put("task", targetId).put("force", true)
                    .put("delete_output_models", false), null);
            resetTasks.add(archivedId);
        } else {
            caller.call("events.delete_for_model", ApiJson.object().put("model", targetId).put("allow_locked", true),
                    null);
            caller.call("models.delete", ApiJson.object().put("model", targetId).put("force", true), null);
            ids.forget(kind, archivedId);
        }
    }

    /** Finished models whose task a rerun reset: the reset unlinked them, so the link is set again. */
    private void relinkOutputModels() {
        modelTasks.forEach((model, task) -> {
            if (resetTasks.contains(task)) {
                caller.call("models.edit", ApiJson.object().put("model", ids.targetOr(EntityKind.MODEL, model))
                        .put("task", ids.targetOr(EntityKind.TASK, task)), null);
            }
        });
    }

    private void collectWritten(ArchiveContent reader) {
        for (EntityKind kind : EntityKind.values()) {
            try (CloseableIterator<Document> documents = reader.entities(kind)) {
                documents.forEachRemaining(document -> {
                    String id = String.valueOf(document.get("_id"));
                    if (writes(kind, id)) {
                        written.add(id);
                    }
                });
            }
        }
    }

    /** Projects parents first (a path name creates missing parents, which the import would then not know). */
    private void writeProjects(ArchiveContent reader, Progress progress) {
        List<Document> projects = new ArrayList<>();
        try (CloseableIterator<Document> documents = reader.entities(EntityKind.PROJECT)) {
            documents.forEachRemaining(projects::add);
        }
        projects.sort(Comparator.comparingLong(p -> String.valueOf(p.get("name")).chars().filter(c -> c == '/')
                .count()));
        progress.start("import projects through the API", projects.size());
        for (Document project : projects) {
            String archivedId = String.valueOf(project.get("_id"));
            if (writes(EntityKind.PROJECT, archivedId)) {
                ObjectNode api = ReadBackPages.source(EntityKind.PROJECT, planned.finished(EntityKind.PROJECT,
                        planned.prepare(EntityKind.PROJECT, project), null));
                put(EntityKind.PROJECT, archivedId, api);
                if (!ids.isMerged(EntityKind.PROJECT, archivedId)) {
                    readBack.expect(EntityKind.PROJECT, archivedId, api);
                }
            }
            progress.advance(1);
        }
        readBack.flush(EntityKind.PROJECT);
        progress.finish();
    }

    private void createAll(ArchiveContent reader, EntityKind kind, Progress progress) {
        progress.start("create " + plural(kind) + " through the API", planned.counts(kind).total());
        try (CloseableIterator<Document> documents = reader.entities(kind)) {
            while (documents.hasNext()) {
                Document document = documents.next();
                String archivedId = String.valueOf(document.get("_id"));
                if (writes(kind, archivedId)) {
                    put(kind, archivedId, ReadBackPages.source(kind, planned.prepare(kind, document)));
                }
                progress.advance(1);
            }
        }
        progress.finish();
    }

    /** Creates the entity, or updates the one a former run created; remembers references not resolvable yet. */
    private void put(EntityKind kind, String archivedId, ObjectNode api) {
        if (ids.isMerged(kind, archivedId)) {
            return;
        }
        List<String> unresolved = new ArrayList<>();
        ObjectNode body = ApiForm.writable(kind, remap.apply(kind, api.deepCopy(), unresolved));
        if (kind == EntityKind.MODEL) {
            body.put("ready", false); // a ready model refuses events; its readiness comes last
        }
        String owner = api.path("user").asText(null);
        String existing = planned.action(kind, archivedId) == EntityAction.OVERWRITE ? ids.target(kind, archivedId)
                : null;
        if (existing != null) {
            update(kind, existing, body, owner);
            createdUpdated.get(kind)[1]++;
        } else if (kind == EntityKind.PROJECT) {
            createProject(archivedId, body, owner);
        } else {
            String created = caller.create(ApiEntities.endpoint(kind, "create"), body, owner).path("id").asText();
            ids.put(kind, archivedId, created);
            createdUpdated.get(kind)[0]++;
        }
        if (!unresolved.isEmpty()) {
            forwardReferences.put(archivedId, new Pending(kind, archivedId, api));
        }
    }

    /**
     * Creates a project, or merges it into the server's project of the same name when the server refuses a second
     * one: an archive of several companies can hold namesakes that one company cannot (the plan only sees the
     * server's projects, data model §1.3).
     */
    private void createProject(String archivedId, ObjectNode body, @org.jspecify.annotations.Nullable String owner) {
        String name = body.path("name").asText();
        if (createdNames.add(name)) {
            String created = caller.create("projects.create", body, owner).path("id").asText();
            ids.put(EntityKind.PROJECT, archivedId, created);
            createdUpdated.get(EntityKind.PROJECT)[0]++;
            return;
        }
        ObjectNode query = ApiJson.object().put("search_hidden", true);
        query.putArray("name").add(name);
        query.putArray("only_fields").add("id");
        String namesake = caller.client().call("projects.get_all_ex", query).path("projects").path(0).path("id")
                .asText();
        ids.putMerged(EntityKind.PROJECT, archivedId, namesake);
        mergedNamesakes++;
    }

    private void update(EntityKind kind, String targetId, ObjectNode body, String owner) {
        switch (kind) {
            case PROJECT -> caller.call("projects.update", body.put("project", targetId), owner);
            case MODEL -> caller.call("models.edit", body.put("model", targetId), owner);
            case TASK -> caller.call("tasks.edit", body.put("task", targetId).put("force", true), owner);
        }
    }

    /** A task's parent or a model's task created after it: set now that every entity exists. */
    private void setForwardReferences() {
        for (Pending pending : forwardReferences.values()) {
            ObjectNode body = ApiForm.writable(pending.kind(), remap.apply(pending.kind(), pending.api().deepCopy(),
                    new ArrayList<>()));
            String targetId = ids.targetOr(pending.kind(), pending.archivedId());
            String owner = pending.api().path("user").asText(null);
            if (pending.kind() == EntityKind.TASK) {
                caller.call("tasks.edit", body.put("task", targetId).put("force", true), owner);
            } else if (pending.kind() == EntityKind.MODEL) {
                caller.call("models.edit", body.put("model", targetId).put("ready", false), owner);
            }
        }
    }

    /** Per model or task: events, final state, then read back in pages. */
    private void finishAll(ArchiveContent reader, EntityKind kind, Progress progress) {
        progress.start("send " + plural(kind) + "' events and final state through the API", planned.counts(kind)
                .total());
        try (CloseableIterator<Document> documents = reader.entities(kind)) {
            while (documents.hasNext()) {
                Document document = documents.next();
                String archivedId = String.valueOf(document.get("_id"));
                if (writes(kind, archivedId)) {
                    finish(reader, kind, archivedId, document);
                }
                progress.advance(1);
            }
        }
        readBack.flush(kind);
        progress.finish();
    }

    private void finish(ArchiveContent reader, EntityKind kind, String archivedId, Document document) {
        String targetId = ids.targetOr(kind, archivedId);
        Document prepared = planned.prepare(kind, document);
        EventUpload.Sent sent = events.send(kind, targetId, reader.events(archivedId), prepared.get("last_metrics"));
        ObjectNode api = ReadBackPages.source(kind, planned.finished(kind, prepared, sent.statistics()));
        String owner = api.path("user").asText(null);
        ObjectNode range = sent.indexed();
        if (range != null) {
            recordEventTimes(kind, targetId, api, range, owner);
        }
        if (kind == EntityKind.TASK) {
            ReportText.send(caller, targetId, api, owner);
            StatusReplay.replay(caller, targetId, api, owner);
        } else if (api.path("ready").asBoolean(false)) {
            caller.call("models.set_ready", ApiJson.object().put("model", targetId).put("publish_task", false),
                    owner);
        }
        readBack.expect(kind, archivedId, api);
        ids.markDone(kind, archivedId);
    }

    /**
     * Adds the archived events' {@code @timestamp} range to the {@code migrated} record, known only once the events
     * are read: the task's runtime or the model's metadata is edited as a whole, before its final state.
     */
    private void recordEventTimes(EntityKind kind, String targetId, ObjectNode api, ObjectNode range,
            @org.jspecify.annotations.Nullable String owner) {
        Migrated.recordEventTimes(kind, api, range);
        ObjectNode mapped = remap.apply(kind, api.deepCopy(), new ArrayList<>());
        if (kind == EntityKind.TASK) {
            caller.call("tasks.edit", ApiJson.object().put("task", targetId).put("force", true)
                    .set("runtime", mapped.path("runtime")), owner);
        } else {
            caller.call("models.edit", ApiJson.object().put("model", targetId).set("metadata",
                    mapped.path("metadata")), owner);
        }
    }

    private boolean writes(EntityKind kind, String archivedId) {
        if (unchanged.contains(archivedId)) {
            return false;
        }
        EntityAction action = planned.action(kind, archivedId);
        return action == EntityAction.CREATE || action == EntityAction.OVERWRITE;
    }

    private static String plural(EntityKind kind) {
        return kind.name().toLowerCase(Locale.ROOT) + "s";
    }

    /** An entity whose create left out references to entities created after it. */
    private record Pending(EntityKind kind, String archivedId, ObjectNode api) {
    }

}
