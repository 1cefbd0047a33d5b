package clearml.migrate.relinking;

import java.util.List;

/**
 * What a relink did, or in a dry run would do.
 *
 * @param dryRun whether nothing was written
 * @param companies the companies relinked; empty means all
 * @param sources one row per collection and per event index scanned, MongoDB first, in scan order
 * @param samples up to {@link RelinkSettings#SAMPLES_PER_PLACE} changes per place, in catalogue order
 * @param elapsedMillis wall time of the run
 */
public record RelinkReport(boolean dryRun, List<String> companies, List<RelinkedSource> sources,
        List<RelinkSample> samples, long elapsedMillis) {

    public RelinkReport {
        companies = List.copyOf(companies);
        sources = List.copyOf(sources);
        samples = List.copyOf(samples);
    }

    /** URLs rewritten over every store, collection, index and place. */
    public long urls() {
        return sources.stream().mapToLong(RelinkedSource::urls).sum();
    }

    /** Documents and events changed. */
    public long changed() {
        return sources.stream().mapToLong(RelinkedSource::changed).sum();
    }

    /** Events the engine refused to store; a run with any is incomplete. */
    public long failed() {
        return sources.stream().mapToLong(RelinkedSource::failed).sum();
    }
}
