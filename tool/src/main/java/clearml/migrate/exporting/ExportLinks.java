package clearml.migrate.exporting;

import clearml.migrate.links.LinkChanges;
import clearml.migrate.links.LinkRewriter;
import clearml.migrate.links.LinkTally;
import clearml.migrate.links.UrlMap;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bson.Document;

/**
 * The URL rewriting of {@code --url-map}, applied to every exported document and event through the one link engine,
 * with a count of changes per place. Thread-safe: event workers share it.
 */
final class ExportLinks {

    private final UrlMap map;
    private final LinkRewriter rewriter;
    private final LinkTally tally = new LinkTally(0);

    ExportLinks(UrlMap map) {
        this.map = map;
        this.rewriter = new LinkRewriter(map);
    }

    /** Whether any URL is rewritten at all. */
    boolean rewrites() {
        return !map.isEmpty();
    }

    /**
     * Rewrites one event, counting its changes in {@code entity}, the tally of the events of one task or model; that
     * tally joins the total through {@link #add} once all of them are written, so that an entity started over after
     * a lost connection is counted once.
     */
    void event(ObjectNode event, LinkTally entity) {
        if (!map.isEmpty()) {
            LinkChanges changes = rewriter.rewriteEvent(event);
            if (!changes.isEmpty()) {
                entity.add(changes);
            }
        }
    }

    synchronized void add(LinkTally entity) {
        tally.addAll(entity);
    }

    void project(Document project) {
        if (!map.isEmpty()) {
            record(rewriter.rewriteProject(project));
        }
    }

    void task(Document task) {
        if (!map.isEmpty()) {
            record(rewriter.rewriteTask(task));
        }
    }

    void model(Document model) {
        if (!map.isEmpty()) {
            record(rewriter.rewriteModel(model));
        }
    }

    synchronized LinkTally tally() {
        return tally;
    }

    private synchronized void record(LinkChanges changes) {
        if (!changes.isEmpty()) {
            tally.add(changes);
        }
    }
}
