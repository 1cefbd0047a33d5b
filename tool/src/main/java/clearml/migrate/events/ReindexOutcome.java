package clearml.migrate.events;

import java.util.List;

/**
 * What a finished {@code _reindex} did.
 *
 * @param total events the query matched at the remote
 * @param created events new in the destination
 * @param updated events that replaced one with the same id
 * @param failures the engine's reasons for events not written (at most a few), empty when all were
 */
public record ReindexOutcome(long total, long created, long updated, List<String> failures) {

    public ReindexOutcome {
        failures = List.copyOf(failures);
    }

    /** Events written, new or replacing. */
    public long written() {
        return created + updated;
    }
}
