package clearml.migrate.retry;

import java.time.Duration;

/**
 * How long a command keeps retrying a store that stopped answering before it fails: {@code --retry-for}. Long
 * enough by default to ride out a restart of a MongoDB or Elasticsearch container.
 */
public final class Patience {

    /** The default of {@code --retry-for}. */
    public static final Duration DEFAULT = Duration.ofSeconds(120);
    /** The wait before the first retry. */
    public static final Duration FIRST_WAIT = Duration.ofMillis(500);
    /** The longest wait between two attempts. */
    public static final Duration LONGEST_WAIT = Duration.ofSeconds(15);

    private Patience() {
    }

    /** A backoff with the usual waits, giving up after {@code patience}. */
    public static Backoff backoff(Duration patience) {
        return new Backoff(FIRST_WAIT, LONGEST_WAIT, patience);
    }
}
