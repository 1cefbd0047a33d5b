package clearml.migrate.apirelink;

import clearml.migrate.events.EventType;
import clearml.migrate.links.LinkPlace;
import clearml.migrate.links.LinkTally;
import clearml.migrate.relinking.RelinkedSource;
import java.util.LinkedHashMap;
import java.util.Map;

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
        Map<String, Long> urls = new LinkedHashMap<>();
        for (Map.Entry<LinkPlace, Long> entry : tally.counts().entrySet()) {
            urls.put(entry.getKey().reportName(), entry.getValue());
        }
        return new RelinkedSource(ApiRelinker.STORE, "events " + type.value(), scanned, changed, refused, urls);
    }
}
