package clearml.migrate.apirelink;

import clearml.migrate.events.EventType;
import clearml.migrate.links.LinkTally;
import clearml.migrate.relinking.PlaceCounts;
import clearml.migrate.relinking.RelinkedSource;

/** Running totals of one event type over every entity: events read, changed, refused, and URLs per place. */
final class EventTotals {

    private final EventType type;
    private final LinkTally tally = new LinkTally(0);
    long scanned;
    long changed;
    long refused;

    EventTotals(EventType type) {
        this.type = type;
    }

    LinkTally tally() {
        return tally;
    }

    RelinkedSource source() {
        return new RelinkedSource(ApiRelinker.STORE, "events " + type.value(), scanned, changed, refused,
                PlaceCounts.of(tally));
    }
}
