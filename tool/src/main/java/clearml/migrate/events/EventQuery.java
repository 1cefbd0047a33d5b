package clearml.migrate.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The events of some tasks: {@code terms task: [...]} over the event indices of some companies, as ClearML's
 * {@code get_task_events} searches {@code events-*-<company>} (clearml-data-model.md §4.4).
 *
 * @param companies the companies whose indices are searched ({@code ""} = public data)
 * @param taskIds the task (or model) ids; at most {@value #MAX_TASK_IDS}, the engines' default
 *     {@code index.max_terms_count}
 * @param types the event types searched; empty means all
 * @param modelEvents which events to keep with respect to {@code model_event}
 * @param after only events whose {@code timestamp} (epoch ms) is later than this, or null for all
 * @param until no event whose {@code timestamp} is later than this (events without one stay), or null for all
 */
public record EventQuery(List<String> companies, List<String> taskIds, Set<EventType> types, ModelEvents modelEvents,
        @Nullable Long after, @Nullable Long until) {

    public static final int MAX_TASK_IDS = 65_536;

    public EventQuery {
        companies = List.copyOf(companies);
        taskIds = List.copyOf(taskIds);
        types = Set.copyOf(types);
        if (companies.isEmpty()) {
            throw new IllegalArgumentException("An event query needs at least one company");
        }
        if (taskIds.size() > MAX_TASK_IDS) {
            throw new IllegalArgumentException("An event query takes at most " + MAX_TASK_IDS + " task ids, got " + taskIds.size());
        }
    }

    public EventQuery(List<String> companies, List<String> taskIds, Set<EventType> types, ModelEvents modelEvents) {
        this(companies, taskIds, types, modelEvents, null, null);
    }

    /** All events of the given tasks of one company. */
    public static EventQuery ofTasks(String company, Collection<String> taskIds) {
        return new EventQuery(List.of(company), List.copyOf(taskIds), Set.of(), ModelEvents.ANY);
    }

    public EventQuery withTypes(Set<EventType> eventTypes) {
        return new EventQuery(companies, taskIds, eventTypes, modelEvents, after, until);
    }

    public EventQuery withModelEvents(ModelEvents filter) {
        return new EventQuery(companies, taskIds, types, filter, after, until);
    }

    /** Only the events whose {@code timestamp} is later than {@code epochMillis}, or all for null. */
    public EventQuery withTimestampAfter(@Nullable Long epochMillis) {
        return new EventQuery(companies, taskIds, types, modelEvents, epochMillis, until);
    }

    /** No event whose {@code timestamp} is later than {@code epochMillis} (none is left out for null). */
    public EventQuery withTimestampUntil(@Nullable Long epochMillis) {
        return new EventQuery(companies, taskIds, types, modelEvents, after, epochMillis);
    }

    /** The comma-separated index names or patterns to search. */
    public String target() {
        if (types.isEmpty()) {
            return EventIndexNames.allTypes(companies);
        }
        return companies.stream()
                .flatMap(company -> types.stream().sorted().map(type -> EventIndexNames.index(type, company)))
                .distinct()
                .collect(Collectors.joining(","));
    }

    /** The query clause: {@code bool} of the task terms and the model-event filter. */
    public ObjectNode toJson() {
        ObjectNode bool = ElasticJson.MAPPER.createObjectNode();
        ArrayNode terms = bool.putArray("filter").addObject().putObject("terms").putArray("task");
        taskIds.forEach(terms::add);
        if (after != null) {
            bool.withArray("filter").addObject().putObject("range").putObject("timestamp").put("gt", after);
        }
        if (until != null) {
            bool.withArray("must_not").addObject().putObject("range").putObject("timestamp").put("gt", until);
        }
        if (modelEvents == ModelEvents.ONLY) {
            bool.withArray("filter").addObject().putObject("term").put("model_event", true);
        } else if (modelEvents == ModelEvents.EXCLUDED) {
            bool.withArray("must_not").addObject().putObject("term").put("model_event", true);
        }
        ObjectNode query = ElasticJson.MAPPER.createObjectNode();
        query.set("bool", bool);
        return query;
    }
}
