package clearml.migrate.relinking;

import clearml.migrate.events.BulkReport;
import clearml.migrate.events.BulkWriter;
import clearml.migrate.events.EventHit;
import clearml.migrate.events.EventIndex;
import clearml.migrate.events.EventStore;
import clearml.migrate.links.LinkChanges;
import clearml.migrate.links.LinkRewriter;
import clearml.migrate.links.LinkTally;
import clearml.migrate.progress.Progress;

/**
 * Relinks one event index client-side: a scroll over all its events (task and model events alike, data model
 * §2.6), the link engine on each, and every changed event written back whole with a {@code _bulk} {@code index}
 * by {@code _index} and {@code _id}, then one refresh. No script runs, so it works on engines without painless
 * (test-infra.md §2b). The whole source is written rather than a partial {@code update}: the rewritten
 * {@code plot_data}, {@code plot_str}, {@code plot_len} and {@code source_urls} must land together, and the server
 * never edits a stored event in place (it re-indexes by the same id, data model §2.4), so nothing else is lost.
 */
final class IndexRelink {

    private final EventStore events;
    private final LinkRewriter rewriter;
    private final boolean dryRun;

    IndexRelink(EventStore events, LinkRewriter rewriter, boolean dryRun) {
        this.events = events;
        this.rewriter = rewriter;
        this.dryRun = dryRun;
    }

    /** Relinks one index, adding every change to {@code samples}. */
    RelinkedSource run(EventIndex index, Progress progress, LinkTally samples) {
        LinkTally tally = new LinkTally(0);
        long scanned = 0;
        long changed = 0;
        BulkReport written;
        try (IndexScan scan = new IndexScan(events.client(), index.name()); BulkWriter writer = events.bulkWriter()) {
            progress.start(RelinkedSource.ELASTICSEARCH + " " + index.name(), scan.total());
            while (scan.hasNext()) {
                EventHit hit = scan.next();
                scanned++;
                LinkChanges changes = rewriter.rewriteEvent(hit.source());
                if (!changes.isEmpty()) {
                    changed++;
                    tally.add(changes);
                    samples.add(changes);
                    write(writer, hit);
                }
                progress.advance(1);
            }
            written = writer.flush();
        }
        if (!dryRun && changed > 0) {
            events.refresh(index.name());
        }
        progress.finish();
        return new RelinkedSource(RelinkedSource.ELASTICSEARCH, index.name(), scanned, changed, written.failed(),
                PlaceCounts.of(tally));
    }

    private void write(BulkWriter writer, EventHit hit) {
        if (!dryRun) {
            writer.index(hit.index(), hit.id(), hit.source());
        }
    }
}
