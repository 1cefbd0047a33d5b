package clearml.migrate.moving;

import clearml.migrate.events.BulkReport;
import clearml.migrate.events.BulkWriter;
import clearml.migrate.events.EventHit;
import clearml.migrate.events.EventScroll;
import clearml.migrate.events.EventStore;
import clearml.migrate.links.LinkTally;

/**
 * A slice streamed through the tool: the source scrolled (each next page asked for while this one is written)
 * into a {@link BulkWriter} whose requests are in flight while the scroll reads on, so reading and writing
 * overlap. Memory: one scroll page and the writer's bounded batches.
 */
final class StreamSlice {

    private static final int SAMPLES = 3;

    private StreamSlice() {
    }

    static SliceResult run(Slice slice, EventStore source, EventStore target, EventChanges changes) {
        LinkTally links = new LinkTally(SAMPLES);
        BulkReport report;
        try (EventScroll scroll = source.scroll(slice.query()); BulkWriter writer = target.bulkWriter()) {
            while (scroll.hasNext()) {
                EventHit hit = scroll.next();
                links.add(changes.apply(hit.source()));
                writer.index(slice.targetIndex(), hit.id(), hit.source());
            }
            report = writer.flush();
        }
        return new SliceResult(slice.type(), EventsVia.STREAM, report.indexed(),
                report.failures().stream().map(Object::toString).toList(), links);
    }
}
