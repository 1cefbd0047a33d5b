package clearml.migrate.archive;

/**
 * How many events one task or model had at the source when an archive was written, and the newest event's
 * {@code timestamp} (epoch ms): what an incremental export compares to tell added events from changed ones.
 */
public record EventTally(long count, long maxTimestamp) {
}
