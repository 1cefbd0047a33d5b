package clearml.migrate.proof;

import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.EntityKind;
import clearml.migrate.failures.ArchiveException;
import clearml.migrate.proof.InspectReport.EventSummary;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The inspect use case: reads a whole archive with no server, streaming every entry once, and describes it in an
 * {@link InspectReport}. A zip that cannot be opened, or whose directory fails validation, is fatal
 * ({@link ArchiveException}); anything found while reading entries is collected as a problem. Memory holds the
 * projects, the task ids and names, the model ids, and one line at a time.
 */
public final class Inspector {

    /** How many of the largest tasks the report names by default. */
    public static final int DEFAULT_LARGEST_TASKS = 10;

    private final int largestTasks;

    public Inspector(int largestTasks) {
        this.largestTasks = largestTasks;
    }

    /** Inspects the archive; throws ArchiveException when it is not a readable ClearML archive. */
    public InspectReport run(Path archive) {
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            return new Reading(reader).report(largestTasks);
        }
    }

    /** One pass over one archive. */
    private static final class Reading {
        private final ArchiveReader reader;
        private final Problems problems = new Problems();
        private final ArchivedProjectTree projects = new ArchivedProjectTree();
        private final Map<String, String> modelNames = new HashMap<>();
        private final Map<String, String> taskNames = new HashMap<>();
        private final Map<String, Long> byStatus = new HashMap<>();
        private final Map<String, Long> byType = new HashMap<>();
        private final Map<String, Long> entryCounts = new HashMap<>();

        Reading(ArchiveReader reader) {
            this.reader = reader;
        }

        InspectReport report(int largestTasks) {
            Optional<ObjectNode> metadata = metadataOrProblem();
            InspectReport.MetadataSummary summary = MetadataReading.summary(metadata, problems);
            List<InspectReport.UserSummary> users = ArchivedUsers.summary(reader, problems);
            count(EntityKind.PROJECT, EntityStream.forEach(reader, EntityKind.PROJECT, problems, projects::add));
            count(EntityKind.MODEL, EntityStream.forEach(reader, EntityKind.MODEL, problems, this::model));
            count(EntityKind.TASK, EntityStream.forEach(reader, EntityKind.TASK, problems, this::task));
            EventCensus census = new EventCensus(largestTasks);
            EventSummary events = census.count(reader, this::eventsOwnerName, problems);
            census.perTask().forEach((task, n) -> entryCounts.put(EntityKind.eventsEntryName(task), n));
            countUsers();
            checkRecordedCounts(MetadataReading.recordedCounts(metadata));
            List<String> warnings = new ArrayList<>(modelEventsWarning(census.perTask()));
            warnings.addAll(DeltaWarnings.of(metadata, taskNames.keySet()));
            return new InspectReport(reader.file().toString(), size(reader.file()), projects.roots(problems),
                    taskNames.size(), byStatus, byType, modelNames.size(), users, events,
                    ArtifactsCompanion.summary(reader.file(), problems), summary, problems.lines(), warnings);
        }

        private Optional<ObjectNode> metadataOrProblem() {
            try {
                return reader.metadata();
            } catch (ArchiveException e) {
                problems.add(e.getMessage());
                return Optional.empty();
            }
        }

        private void count(EntityKind kind, long documents) {
            if (reader.has(kind)) {
                entryCounts.put(kind.entryName(), documents);
            }
        }

        /**
         * The name of the task or model whose events entry this is, or null when the archive holds neither: the
         * exporter writes a model's events as {@code Task_<model id>_events.json}, which ClearML's importer never
         * opens (it looks entries up by task id).
         */
        private @Nullable String eventsOwnerName(String id) {
            String task = taskNames.get(id);
            String model = modelNames.get(id);
            return task != null ? task : model == null ? null : "model " + model;
        }

        /**
         * Model events, archived as {@code Task_<model id>_events.json} by this tool's exporter, are never opened by
         * ClearML's importer, which looks events up by the ids of the tasks it imported (data model §2.6, §5.6):
         * imported with it, they are lost without a word.
         */
        private List<String> modelEventsWarning(Map<String, Long> perEntry) {
            long models = 0;
            long events = 0;
            for (Map.Entry<String, Long> entry : perEntry.entrySet()) {
                if (modelNames.containsKey(entry.getKey()) && entry.getValue() > 0) {
                    models++;
                    events += entry.getValue();
                }
            }
            return models == 0 ? List.of() : List.of(models + " models have events in the archive (" + events
                    + " events, entries Task_<model id>_events.json): ClearML's importer never opens these entries and"
                    + " drops them without a word; import this archive with clearml-migrate to keep them");
        }

        /** Our exporter records users.json's auth plus backend documents (§3.7); a damaged entry is reported already. */
        private void countUsers() {
            try {
                reader.users().ifPresent(users -> entryCounts.put(EntityKind.USERS_ENTRY,
                        (long) users.auth().size() + users.backend().size()));
            } catch (ArchiveException e) {
                // ArchivedUsers.summary has reported it
            }
        }

        private void model(Document model) {
            modelNames.put(EntityStream.id(model), EntityStream.text(model, "name"));
            projects.countModel(EntityStream.text(model, "project"));
        }

        private void task(Document task) {
            String id = EntityStream.id(task);
            taskNames.put(id, EntityStream.text(task, "name"));
            String status = EntityStream.text(task, "status");
            String type = EntityStream.text(task, "type");
            byStatus.merge(status, 1L, Long::sum);
            byType.merge(type, 1L, Long::sum);
            if (!TaskNames.STATUSES.contains(status)) {
                problems.add("task " + id + ": unknown status \"" + status + "\"");
            }
            if (!TaskNames.TYPES.contains(type)) {
                problems.add("task " + id + ": unknown type \"" + type + "\"");
            }
            checkProject(id, EntityStream.text(task, "project"));
            checkModels(id, task);
        }

        private void checkProject(String taskId, String project) {
            projects.countTask(project);
            if (!project.isEmpty() && !projects.has(project)) {
                problems.add("task " + taskId + ": its project " + project + " is not in the archive");
            }
        }

        private void checkModels(String taskId, Document task) {
            if (!(task.get("models") instanceof Document lists)) {
                return;
            }
            for (String direction : List.of("input", "output")) {
                if (lists.get(direction) instanceof List<?> items) {
                    for (Object item : items) {
                        if (item instanceof Document entry && entry.get("model") instanceof String model
                                && !modelNames.containsKey(model)) {
                            problems.add("task " + taskId + ": " + direction + " model " + model
                                    + " is not in the archive");
                        }
                    }
                }
            }
        }

        /** Our exporter records each entry's document count; a different count means a damaged or edited archive. */
        private void checkRecordedCounts(Map<String, Long> recorded) {
            recorded.forEach((entry, expected) -> {
                long found = entryCounts.getOrDefault(entry, 0L);
                if (found != expected) {
                    problems.add("entry " + entry + ": metadata.json records " + expected + " documents, the archive"
                            + " holds " + found);
                }
            });
        }

        private static long size(Path file) {
            try {
                return Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException("reading the size of " + file, e);
            }
        }
    }
}
