package clearml.migrate.events;

import java.util.List;

/**
 * What a {@link BulkWriter} did so far.
 *
 * @param indexed documents created or overwritten
 * @param deleted documents deleted
 * @param notFound deletes of documents that did not exist (not an error)
 * @param failed actions the engine refused for good
 * @param requests {@code _bulk} requests sent, retries included
 * @param retried actions sent again after a 429
 * @param failures the first {@value BulkWriter#KEPT_FAILURES} refused actions
 */
public record BulkReport(long indexed, long deleted, long notFound, long failed, long requests, long retried,
        List<BulkFailure> failures) {

    public BulkReport {
        failures = List.copyOf(failures);
    }

    public boolean hasFailures() {
        return failed > 0;
    }
}
