package clearml.migrate.proof;

import clearml.migrate.archive.ArchiveReader;
import clearml.migrate.archive.CloseableIterator;
import clearml.migrate.events.EventType;
import clearml.migrate.failures.ArchiveException;
import clearml.migrate.proof.InspectReport.EventSummary;
import clearml.migrate.proof.InspectReport.TaskEvents;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Counts the archived events per type and per task while streaming them, one event in memory at a time; keeps the
 * {@code largest} tasks by event count in a bounded heap.
 */
final class EventCensus {

    private static final Set<String> KNOWN_TYPES = new HashSet<>(
            Arrays.stream(EventType.values()).map(EventType::value).toList());
    private static final Comparator<TaskEvents> BY_SIZE =
            Comparator.comparingLong(TaskEvents::events).thenComparing(TaskEvents::taskId, Comparator.reverseOrder());

    private final int largest;
    private final Map<String, Long> byType = new HashMap<>();
    private final Map<String, Long> perTask = new HashMap<>();
    private final PriorityQueue<TaskEvents> top = new PriorityQueue<>(BY_SIZE);
    private final Set<String> unknownTypes = new HashSet<>();
    private long total;

    EventCensus(int largest) {
        this.largest = largest;
    }

    /** Counts the events of every events entry; {@code taskName} gives {@code null} for an owner not archived. */
    EventSummary count(ArchiveReader reader, Function<String, @Nullable String> taskName, Problems problems) {
        for (String taskId : reader.eventTaskIds()) {
            String name = taskName.apply(taskId);
            if (name == null) {
                problems.add("events entry for " + taskId + ", a task or model the archive does not hold");
            }
            keep(new TaskEvents(taskId, name == null ? "" : name, countTask(reader, taskId, problems)));
        }
        List<TaskEvents> largestFirst = top.stream().sorted(BY_SIZE.reversed()).toList();
        return new EventSummary(total, byType, largestFirst);
    }

    /** The events counted for each task entry. */
    Map<String, Long> perTask() {
        return perTask;
    }

    private long countTask(ArchiveReader reader, String taskId, Problems problems) {
        long count = 0;
        try (CloseableIterator<ObjectNode> events = reader.events(taskId)) {
            while (events.hasNext()) {
                countType(events.next().path("type").asText(""), taskId, problems);
                count++;
            }
        } catch (ArchiveException e) {
            problems.add(e.getMessage() + " (rest of the entry skipped)");
        }
        total += count;
        perTask.put(taskId, count);
        return count;
    }

    private void countType(String type, String taskId, Problems problems) {
        byType.merge(type, 1L, Long::sum);
        if (!KNOWN_TYPES.contains(type) && unknownTypes.add(type)) {
            problems.add("task " + taskId + ": unknown event type \"" + type + "\" (first seen here)");
        }
    }

    private void keep(TaskEvents task) {
        if (largest <= 0) {
            return;
        }
        top.add(task);
        if (top.size() > largest) {
            top.poll();
        }
    }
}
