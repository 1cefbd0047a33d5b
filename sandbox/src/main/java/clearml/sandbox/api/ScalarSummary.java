package clearml.sandbox.api;

import org.jspecify.annotations.Nullable;

/**
 * One metric/variant's scalars within one {@code events.add_batch} ({@code EventBLL._update_last_scalar_events_for_task}):
 * the value of the event with the highest (iter, timestamp), the first value by lowest iteration, the minimum and the
 * maximum with their iterations, the count and the total. Across batches {@link EntityStatistics} merges them as the
 * server's update does.
 */
final class ScalarSummary {

    final String metric;
    final String variant;
    long count;
    double total;
    double value;
    long iter;
    double timestamp;
    @Nullable String xAxisLabel;
    double firstValue;
    @Nullable Long firstValueIter;
    @Nullable Double minValue;
    long minValueIter;
    @Nullable Double maxValue;
    long maxValueIter;
    private boolean seen;

    ScalarSummary(String metric, String variant) {
        this.metric = metric;
        this.variant = variant;
    }

    void add(double eventValue, long eventIter, double eventTimestamp, @Nullable String eventXAxisLabel) {
        count++;
        total += eventValue;
        if (!seen || eventIter > iter || (eventIter == iter && eventTimestamp >= timestamp)) {
            value = eventValue;
            iter = eventIter;
            timestamp = eventTimestamp;
            if (eventXAxisLabel != null) {
                xAxisLabel = eventXAxisLabel;
            }
            seen = true;
        }
        if (firstValueIter == null || eventIter < firstValueIter) {
            firstValue = eventValue;
            firstValueIter = eventIter;
        }
        if (minValue == null || eventValue < minValue) {
            minValue = eventValue;
            minValueIter = eventIter;
        }
        if (maxValue == null || eventValue > maxValue) {
            maxValue = eventValue;
            maxValueIter = eventIter;
        }
    }
}
