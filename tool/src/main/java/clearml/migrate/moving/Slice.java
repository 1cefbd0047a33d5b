package clearml.migrate.moving;

import clearml.migrate.events.EventQuery;
import clearml.migrate.events.EventType;
import java.util.List;
import java.util.Set;

/**
 * One piece of a move that runs on its own: the events of one type of a group of tasks and models, read from one
 * source index and written to one target index. Engines refuse {@code slices} on a remote {@code _reindex}, so a
 * move is sliced by task groups instead, and slices run side by side.
 *
 * @param type the event type
 * @param sourceCompany the company whose index is read
 * @param targetIndex the index written
 * @param entityIds the group's task and model ids
 */
record Slice(EventType type, String sourceCompany, String targetIndex, List<String> entityIds) {

    Slice {
        entityIds = List.copyOf(entityIds);
    }

    EventQuery query() {
        return EventQuery.ofTasks(sourceCompany, entityIds).withTypes(Set.of(type));
    }
}
