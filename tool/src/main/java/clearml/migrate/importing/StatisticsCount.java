package clearml.migrate.importing;

/**
 * For one statistics field of one entity kind (e.g. {@code task.last_metrics}): how many documents had it filled
 * because the archive lacked it, and how many had it corrected because the archive disagreed with its events.
 */
public record StatisticsCount(long filled, long corrected) {

    static final StatisticsCount NONE = new StatisticsCount(0, 0);

    StatisticsCount plus(StatisticsMerge.Change change) {
        return switch (change) {
            case FILLED -> new StatisticsCount(filled + 1, corrected);
            case CORRECTED -> new StatisticsCount(filled, corrected + 1);
            case KEPT -> this;
        };
    }
}
