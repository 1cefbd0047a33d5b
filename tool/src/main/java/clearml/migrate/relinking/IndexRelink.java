package clearml.migrate.relinking;

import clearml.migrate.events.BulkReport;
import clearml.migrate.events.BulkWriter;
import clearml.migrate.events.EventHit;
import clearml.migrate.events.EventIndex;
import clearml.migrate.events.EventStore;
import clearml.migrate.failures.StoreUnreachableException;
import clearml.migrate.links.LinkChanges;
import clearml.migrate.links.LinkRewriter;
import clearml.migrate.links.LinkTally;
import clearml.migrate.progress.Progress;
import clearml.migrate.retry.Backoff;
import clearml.migrate.undo.UndoJournal;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Relinks one event index client-side: a scroll over all its events (task and model events alike, data model
 * §2.6), the link engine on each, and every changed event written back whole with a {@code _bulk} {@code index}
 * by {@code _index} and {@code _id}, then one refresh. No script runs, so it works on engines without painless
 * (test-infra.md §2b). The whole source is written rather than a partial {@code update}: the rewritten
 * {@code plot_data}, {@code plot_str}, {@code plot_len} and {@code source_urls} must land together, and the server
 * never edits a stored event in place (it re-indexes by the same id, data model §2.4), so nothing else is lost.
 */
final class IndexRelink {

    /** Changed events journalled together, with one journal flush, before they are handed to the bulk writer. */
    private static final int PENDING = 500;

    private final EventStore events;
    private final LinkRewriter rewriter;
    private final boolean dryRun;
    private final @Nullable UndoJournal journal;
    private final List<EventHit> pending = new ArrayList<>(PENDING);

    IndexRelink(EventStore events, LinkRewriter rewriter, boolean dryRun, @Nullable UndoJournal journal) {
        this.journal = journal;
        this.events = events;
        this.rewriter = rewriter;
        this.dryRun = dryRun;
    }

    /** Relinks one index, adding every change to {@code samples}. */
    RelinkedSource run(EventIndex index, Progress progress, LinkTally samples) {
        Pass pass = new Pass(samples);
        BulkReport written;
        Backoff backoff = events.backoff();
        try (BulkWriter writer = events.bulkWriter()) {
            while (!pass.scan(index, writer, progress)) {
                if (!backoff.pause()) {
                    throw pass.failure();
                }
                settle(index, writer);
            }
            release(writer);
            written = writer.flush();
        }
        if (!dryRun && pass.changed > 0) {
            events.refresh(index.name());
        }
        progress.finish();
        return new RelinkedSource(RelinkedSource.ELASTICSEARCH, index.name(), pass.scanned, pass.changed,
                written.failed(), PlaceCounts.of(pass.tally));
    }

    /**
     * Before a scroll starts over: every change made so far is written and made visible, so that the new scroll sees
     * those events rewritten and neither counts nor journals them again (the rewrite leaves a rewritten URL alone).
     */
    private void settle(EventIndex index, BulkWriter writer) {
        release(writer);
        writer.flush();
        if (!dryRun) {
            events.refresh(index.name());
        }
    }

    /**
     * The scroll over one index. A scroll cannot be resumed, so when the engine goes away mid-way the pass reports
     * it and the index is scrolled again from the start.
     */
    private final class Pass {
        private final LinkTally samples;
        private final LinkTally tally = new LinkTally(0);
        private long scanned;
        private long changed;
        private @Nullable StoreUnreachableException failure;

        Pass(LinkTally samples) {
            this.samples = samples;
        }

        /** Scrolls the whole index; false when the engine went away before the end. */
        boolean scan(EventIndex index, BulkWriter writer, Progress progress) {
            try (IndexScan scan = new IndexScan(events.client(), index.name())) {
                progress.start(RelinkedSource.ELASTICSEARCH + " " + index.name(), scan.total());
                scanned = 0;
                while (scan.hasNext()) {
                    check(scan.next(), writer);
                    progress.advance(1);
                }
                return true;
            } catch (StoreUnreachableException e) {
                failure = e;
                return false;
            }
        }

        StoreUnreachableException failure() {
            return Objects.requireNonNull(failure);
        }

        private void check(EventHit hit, BulkWriter writer) {
            scanned++;
            ObjectNode before = journal == null ? hit.source() : hit.source().deepCopy();
            LinkChanges changes = rewriter.rewriteEvent(hit.source());
            if (!changes.isEmpty()) {
                changed++;
                tally.add(changes);
                samples.add(changes);
                journal(before, hit);
                write(writer, hit);
            }
        }
    }

    private void write(BulkWriter writer, EventHit hit) {
        if (dryRun) {
            return;
        }
        pending.add(hit);
        if (pending.size() >= PENDING) {
            release(writer);
        }
    }

    /** Flushes the journal, then hands the journalled events to the bulk writer, which may send them at once. */
    private void release(BulkWriter writer) {
        if (journal != null && !pending.isEmpty()) {
            journal.flush();
        }
        pending.forEach(hit -> writer.index(hit.index(), hit.id(), hit.source()));
        pending.clear();
    }

    /** Each top-level field the rewrite changed, old and new: {@code url}, {@code plot_str}, {@code plot_data}... */
    private void journal(ObjectNode before, EventHit after) {
        if (journal == null || dryRun) {
            return;
        }
        after.source().fieldNames().forEachRemaining(field -> {
            if (!after.source().get(field).equals(before.get(field))) {
                journal.eventFieldChange(after.index(), after.id(), field, before.path(field), after.source().get(field));
            }
        });
    }
}
