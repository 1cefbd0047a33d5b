package clearml.migrate.apirelink;

import clearml.migrate.relinking.RelinkReport;
import java.util.List;

/**
 * What {@code relink --api-host} did, or in a dry run would do.
 *
 * @param relinked what was rewritten, as a direct relink reports it: one source per entity kind and per event type
 *     (store {@code api}), URLs per place, samples
 * @param server the API server
 * @param notRewritten per entity and place, the URLs the API could not rewrite (or, read back, did not keep)
 * @param notes what a relink through the API changes besides the URLs, and what it cannot reach at all
 */
public record ApiRelinkReport(RelinkReport relinked, String server, List<NotRewritten> notRewritten,
        List<String> notes) {

    public ApiRelinkReport {
        notRewritten = List.copyOf(notRewritten);
        notes = List.copyOf(notes);
    }

    /** Whether every URL found was rewritten. */
    public boolean complete() {
        return notRewritten.isEmpty() && relinked.failed() == 0;
    }

    /** URLs left as they were. */
    public long urlsNotRewritten() {
        return notRewritten.stream().mapToLong(NotRewritten::urls).sum();
    }
}
