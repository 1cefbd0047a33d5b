package clearml.migrate.relinking;

import clearml.migrate.links.LinkPlace;
import clearml.migrate.links.LinkTally;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a tally's counts into the report's form: keyed by each place's stable report name, in catalogue order. */
public final class PlaceCounts {

    private PlaceCounts() {
    }

    public static Map<String, Long> of(LinkTally tally) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<LinkPlace, Long> entry : tally.counts().entrySet()) {
            counts.put(entry.getKey().reportName(), entry.getValue());
        }
        return counts;
    }
}
