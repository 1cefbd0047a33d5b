package clearml.migrate.exporting;

import clearml.migrate.archive.ArchiveNaming;
import clearml.migrate.archive.ArchiveSummary;
import clearml.migrate.archive.ArchiveWriter;
import clearml.migrate.archive.DeltaInfo;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.archive.EntryWriter;
import clearml.migrate.archive.EventTally;
import clearml.migrate.archive.ExportMap;
import clearml.migrate.archive.SourceState;
import clearml.migrate.files.ArtifactsReport;
import clearml.migrate.files.FileStore;
import clearml.migrate.progress.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * Writes one {@link Selection} into one archive, or finds that the last export into the same name is still up to
 * date (data model §3.9). Entities are streamed from the {@link ExportSource} in ClearML's order, cleaned (§4.3), trimmed (§4.2) and
 * rewritten by {@code --url-map}; events go through {@link EventExport} meanwhile.
 */
final class ArchiveJob {

    /** What the caller provides that does not change between the archives of one run. */
    record Context(ExportSource source, @Nullable EventSource events, @Nullable FileStore files,
                   ExportSettings settings, ExportLinks links, @Nullable SourceUsers users, Progress progress,
                   @Nullable DeltaBase since) {
    }

    private final Context context;
    private final ExportCleanup cleanup;
    private ExportReport.@Nullable Delta delta;

    ArchiveJob(Context context) {
        this.context = context;
        this.cleanup = new ExportCleanup(context.settings().users(), context.settings().forClearml());
    }

    ExportReport.Archive run(Selection selection, Path requested, ExportMetadata metadata) {
        HierarchyTrim trim = new HierarchyTrim(selection.projects());
        Plan plan = plan(selection, trim);
        SourceStates states = new SourceStates(context.source(), context.events());
        SourceState state = states.read(plan.projects(), plan.tasks(), plan.models());
        DeltaBase since = context.since();
        if (since != null) {
            DeltaPlan changes = new DeltaPlan(since.lineage().state(), state, states::newerThan);
            DeltaInfo info = changes.info(since.lineage().archiveId(), since.file().getFileName().toString());
            delta = new ExportReport.Delta(since.file(), info.baseId(), info.deletedCount(), changes.appended(),
                    changes.replaced());
            // No .map file: the previous one names the base, which writing a new map would delete.
            return written(plan.only(changes), trim, requested, metadata.lineage(state, info), state, changes,
                    (path, artifacts) -> { });
        }
        metadata.lineage(state, null);
        Path mapFile = ArchiveNaming.map(requested);
        Optional<ExportMap> previous = ExportMap.read(mapFile);
        if (previous.isPresent() && !previous.get().files().isEmpty() && previous.get().isUpToDate(plan.stamps(), metadata.mapHash(),
                file -> Files.isRegularFile(Path.of(file)))) {
            List<String> files = previous.get().files();
            return plan.report(Path.of(files.get(0)), true, 0, 0, users(),
                    files.size() > 1 ? new ArtifactsReport(Path.of(files.get(1)), 0, 0, List.of()) : null);
        }
        return written(plan, trim, requested, metadata, state, null,
                (path, artifacts) -> remember(mapFile, path, artifacts, plan, metadata, previous));
    }

    /**
     * Writes the archive of a plan (for a delta, {@code changes} says whose events go in and from when), its
     * {@code .artifacts} companion, then hands both to {@code finished}.
     */
    private ExportReport.Archive written(Plan plan, HierarchyTrim trim, Path requested, ExportMetadata metadata,
            SourceState state, @Nullable DeltaPlan changes, BiConsumer<Path, @Nullable ArtifactsReport> finished) {
        ArtifactReferences references = new ArtifactReferences(context.files(), context.settings().fileServerUrls());
        try (ArchiveWriter writer = ArchiveWriter.create(requested, context.settings().compression())) {
            Written written = write(writer, plan, trim, references, state, changes);
            ArchiveSummary summary = writer.finish(entries -> {
                entries.forEach(entry -> metadata.entry(entry.name(), entry.documents(), entry.crc32()));
                return metadata.build();
            });
            ArtifactsReport artifacts = references.writeNextTo(summary.path(), context.files(), context.progress());
            finished.accept(summary.path(), artifacts);
            return plan.report(summary.path(), false, written.taskEvents(), written.modelEvents(), users(), artifacts);
        }
    }

    /** What the delta written by this job changed, or null for a full archive. */
    ExportReport.@Nullable Delta delta() {
        return delta;
    }

    private Written write(ArchiveWriter writer, Plan plan, HierarchyTrim trim, ArtifactReferences references,
            SourceState state, @Nullable DeltaPlan changes) {
        SourceUsers users = context.users();
        if (users != null && cleanup.keepsUsers()) {
            writer.users(users.auth(), users.backend());
        } else if (users != null) {
            cleanup.leave(ExportCleanup.USERS_JSON, users.auth().size());
        }
        EventSource store = context.events();
        if (store == null) {
            writeEntities(writer, plan, trim, references);
            return new Written(0, 0);
        }
        try (EventExport events = new EventExport(store, writer, context.links(), references,
                context.settings().workers(), context.progress())) {
            events.expect(plan.tasks(), plan.models());
            plan.tasks().stream().filter(key -> carriesEvents(changes, key))
                    .forEach(key -> events.task(key, window(state, changes, key)));
            // a model gets an entry only when it has events: one without a tally is not even asked (two scrolls)
            plan.models().stream().filter(key -> carriesEvents(changes, key) && state.mayHaveEvents(key.id()))
                    .forEach(key -> events.model(key, window(state, changes, key)));
            writeEntities(writer, plan, trim, references);
            events.await();
            return new Written(events.taskEvents(), events.modelEvents());
        }
    }

    /** A full export writes every entity's events; a delta those whose tally changed. */
    private static boolean carriesEvents(@Nullable DeltaPlan changes, EntityKey key) {
        return changes == null || changes.events(key.id()) != null;
    }

    static EventWindow window(SourceState state, @Nullable DeltaPlan changes, EntityKey key) {
        EventTally tally = state.events().get(key.id());
        return new EventWindow(changes == null ? null : changes.appendAfter(key.id()),
                tally == null ? null : tally.maxTimestamp());
    }

    private void writeEntities(ArchiveWriter writer, Plan plan, HierarchyTrim trim, ArtifactReferences references) {
        EntityEdits edits = new EntityEdits(trim, context.links(), references, cleanup);
        writeKind(writer, EntityKind.MODEL, plan.models(), edits);
        writeKind(writer, EntityKind.PROJECT, plan.projects(), edits);
        writeKind(writer, EntityKind.TASK, plan.tasks(), edits);
    }

    /** Writes one entity file; ClearML skips a class that has no items (§3.3). */
    private void writeKind(ArchiveWriter writer, EntityKind kind, List<EntityKey> keys, EntityEdits edits) {
        if (keys.isEmpty()) {
            return;
        }
        try (EntryWriter<Document> entry = writer.entities(kind)) {
            context.source().documents(kind, keys, document -> entry.write(edits.apply(kind, document)));
        }
    }

    private Plan plan(Selection selection, HierarchyTrim trim) {
        return plan(context.source(), selection, trim);
    }

    /** The sorted keys of what an export of {@code selection} holds: projects named as trimmed, ClearML's order. */
    static Plan plan(ExportSource source, Selection selection, HierarchyTrim trim) {
        List<EntityKey> projects = sortedKeys(source, EntityKind.PROJECT, selection.projectIds()).stream()
                .map(key -> key.named(trim.trimmed(key.id()).name()))
                .sorted(EntityKey.ORDER).toList();
        List<EntityKey> tasks = sortedKeys(source, EntityKind.TASK,
                selection.tasks().stream().map(TaskRef::id).toList());
        List<EntityKey> models = sortedKeys(source, EntityKind.MODEL, selection.modelIds());
        return new Plan(projects, tasks, models, selection.modelIds().size() - models.size());
    }

    private static List<EntityKey> sortedKeys(ExportSource source, EntityKind kind, Collection<String> ids) {
        return source.keys(kind, ids).stream().sorted(EntityKey.ORDER).toList();
    }

    private long users() {
        SourceUsers users = context.users();
        return users == null || !cleanup.keepsUsers() ? 0 : users.auth().size();
    }

    /** What the run left out for {@code --for-clearml}'s importer so far. */
    Map<String, Long> leftOut() {
        return cleanup.leftOut();
    }

    /** Writes the {@code .map} file, then deletes what the previous export left that this one replaced. */
    private static void remember(Path mapFile, Path archive, @Nullable ArtifactsReport artifacts, Plan plan,
                                 ExportMetadata metadata, Optional<ExportMap> previous) {
        List<String> files = new ArrayList<>(List.of(archive.toString()));
        Path companion = artifacts == null ? null : artifacts.companion();
        if (companion != null) {
            files.add(companion.toString());
        }
        try {
            new ExportMap(files, plan.stamps(), metadata.mapHash()).write(mapFile);
            for (String old : previous.map(ExportMap::files).orElse(List.of())) {
                if (!files.contains(old)) {
                    Files.deleteIfExists(Path.of(old));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + mapFile, e);
        }
    }

    /** The events one archive received. */
    private record Written(long taskEvents, long modelEvents) {
    }

    /** The sorted keys of what one archive will hold. */
    record Plan(List<EntityKey> projects, List<EntityKey> tasks,
                        List<EntityKey> models, int missingModels) {

        /** The entities a delta writes. */
        Plan only(DeltaPlan changes) {
            return new Plan(only(projects, EntityKind.PROJECT, changes), only(tasks, EntityKind.TASK, changes),
                    only(models, EntityKind.MODEL, changes), missingModels);
        }

        private static List<EntityKey> only(List<EntityKey> keys, EntityKind kind,
                DeltaPlan changes) {
            return keys.stream().filter(key -> changes.writes(kind, key.id())).toList();
        }

        /** Every entity id with its timestamp, for the {@code .map} file (§3.9). */
        Map<String, String> stamps() {
            Map<String, String> stamps = new LinkedHashMap<>();
            for (List<EntityKey> keys : List.of(models, projects, tasks)) {
                keys.forEach(key -> stamps.put(key.id(), key.stamp()));
            }
            return stamps;
        }

        ExportReport.Archive report(Path path, boolean upToDate, long taskEvents, long modelEvents, long users,
                                    @Nullable ArtifactsReport artifacts) {
            return new ExportReport.Archive(path, upToDate, projects.size(), tasks.size(), models.size(),
                    taskEvents, modelEvents, users, missingModels, artifacts == null ? null : artifacts.companion(),
                    artifacts == null ? 0 : artifacts.files(), artifacts == null ? List.of() : artifacts.missing());
        }
    }
}
