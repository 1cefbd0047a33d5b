package clearml.migrate.copying;

import clearml.migrate.archive.ArchiveLineage;
import clearml.migrate.archive.DeltaInfo;
import clearml.migrate.events.EventStore;
import clearml.migrate.exporting.LiveExport;
import clearml.migrate.links.UrlMap;
import clearml.migrate.moving.EventMoveReport;
import clearml.migrate.moving.EventMoveRequest;
import clearml.migrate.moving.EventMover;
import clearml.migrate.moving.EventsVia;
import clearml.migrate.undo.UndoJournal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The events of a copy between two servers reached directly, moved engine to engine by {@link EventMover} once the
 * import has planned and before it writes a document: the target's events of those tasks and models are journalled
 * first (as the import journals events it replaces), so {@code undo} puts them back. One move per source company
 * whose indices hold them. Tasks and models whose events the target holds already are not moved again
 * ({@link EventMover#outOfPlace}), so a copy or sync pass run again after an interruption moves what is left.
 */
final class EventsApart {

    private final EventMover mover;
    private final EventStore target;
    private final LiveExport content;
    private final UrlMap urlMap;
    private final EventsVia via;
    private final Set<String> replaced;
    private final List<EventMoveReport> reports = new ArrayList<>();
    private long inPlace;

    EventsApart(EventStore source, EventStore target, LiveExport content, UrlMap urlMap, EventsVia via) {
        this.mover = new EventMover(source, target);
        this.target = target;
        this.content = content;
        this.urlMap = urlMap;
        this.via = via;
        this.replaced = replacedByDelta(content);
    }

    /**
     * Moves the events of these tasks and models into {@code company}'s indices, journalling what they replace;
     * those whose events the target holds already (a rerun's) are left alone and counted.
     */
    void move(List<String> ids, String company, UndoJournal journal) {
        Map<String, List<String>> bySourceCompany = new TreeMap<>();
        Map<String, String> indexCompanies = content.indexCompanies();
        ids.forEach(id -> bySourceCompany.computeIfAbsent(indexCompanies.get(id), c -> new ArrayList<>()).add(id));
        bySourceCompany.forEach((sourceCompany, some) -> {
            List<String> moving = mover.outOfPlace(sourceCompany, company, some, replaced::contains);
            inPlace += some.size() - moving.size();
            if (!moving.isEmpty()) {
                journal.replacingTaskEvents(target, company, moving);
                journal.flush();
                reports.add(mover.move(new EventMoveRequest(sourceCompany, company, moving, urlMap, via)));
            }
        });
    }

    List<EventMoveReport> reports() {
        return List.copyOf(reports);
    }

    /** Tasks and models whose events were found in place at the target and not moved. */
    long inPlace() {
        return inPlace;
    }

    /**
     * The ids a delta marks as replacing their stored events: an event of theirs changed or went, which the same
     * count at both ends may hide, so they move whatever the counts say.
     */
    private static Set<String> replacedByDelta(LiveExport content) {
        DeltaInfo delta = content.metadata().flatMap(ArchiveLineage::of).map(ArchiveLineage::delta).orElse(null);
        Set<String> replaced = new HashSet<>();
        if (delta != null) {
            delta.events().forEach((id, change) -> {
                if (!change.append()) {
                    replaced.add(id);
                }
            });
        }
        return replaced;
    }
}
