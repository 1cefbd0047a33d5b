package clearml.migrate.copying;

import clearml.migrate.events.EventStore;
import clearml.migrate.exporting.LiveExport;
import clearml.migrate.links.UrlMap;
import clearml.migrate.moving.EventMoveReport;
import clearml.migrate.moving.EventMoveRequest;
import clearml.migrate.moving.EventMover;
import clearml.migrate.moving.EventsVia;
import clearml.migrate.undo.UndoJournal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The events of a copy between two servers reached directly, moved engine to engine by {@link EventMover} once the
 * import has planned and before it writes a document: the target's events of those tasks and models are journalled
 * first (as the import journals events it replaces), so {@code undo} puts them back. One move per source company
 * whose indices hold them.
 */
final class EventsApart {

    private final EventMover mover;
    private final EventStore target;
    private final LiveExport content;
    private final UrlMap urlMap;
    private final EventsVia via;
    private final List<EventMoveReport> reports = new ArrayList<>();

    EventsApart(EventStore source, EventStore target, LiveExport content, UrlMap urlMap, EventsVia via) {
        this.mover = new EventMover(source, target);
        this.target = target;
        this.content = content;
        this.urlMap = urlMap;
        this.via = via;
    }

    /** Moves the events of these tasks and models into {@code company}'s indices, journalling what they replace. */
    void move(List<String> ids, String company, UndoJournal journal) {
        Map<String, List<String>> bySourceCompany = new TreeMap<>();
        Map<String, String> indexCompanies = content.indexCompanies();
        ids.forEach(id -> bySourceCompany.computeIfAbsent(indexCompanies.get(id), c -> new ArrayList<>()).add(id));
        bySourceCompany.forEach((sourceCompany, some) -> {
            journal.replacingTaskEvents(target, company, some);
            journal.flush();
            reports.add(mover.move(new EventMoveRequest(sourceCompany, company, some, urlMap, via)));
        });
    }

    List<EventMoveReport> reports() {
        return List.copyOf(reports);
    }
}
