package clearml.migrate.relinking;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a relink found and changed in one collection or one event index.
 *
 * @param store {@code mongodb} or {@code elasticsearch}
 * @param name the collection ({@code backend.task}) or the index ({@code events-plot-<company>})
 * @param scanned documents or events read and checked
 * @param changed documents or events with at least one URL rewritten (written back unless a dry run), the
 *     refused ones included
 * @param failed events the engine refused to store (always 0 for MongoDB, where a refused update stops the run)
 * @param urlsByPlace URLs rewritten per place, by the place's report name ({@code task.report_assets[]})
 */
public record RelinkedSource(String store, String name, long scanned, long changed, long failed,
        Map<String, Long> urlsByPlace) {

    public static final String MONGODB = "mongodb";
    public static final String ELASTICSEARCH = "elasticsearch";

    public RelinkedSource {
        urlsByPlace = Collections.unmodifiableMap(new LinkedHashMap<>(urlsByPlace)); // keeps catalogue order
    }

    /** URLs rewritten over all places. */
    public long urls() {
        return urlsByPlace.values().stream().mapToLong(Long::longValue).sum();
    }
}
