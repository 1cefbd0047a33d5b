package clearml.migrate.importing;

import clearml.migrate.mongo.ServerGeneration;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * One metric/variant of an entity's scalar events folded as ClearML's {@code _update_last_scalar_events_for_task}
 * folds them, in the order given: the value of the latest event by (iteration, timestamp), ties to the later one;
 * the smallest and largest value with the iteration of their first occurrence. 2.x also keeps the value of the
 * lowest iteration (the first such), the count, the sum for the mean, and the latest {@code x_axis_label}; 1.x
 * looks at an event for min and max only when it is the latest so far (data model §5.6; server code of v1.x and
 * v2.x read). Numbers keep their JSON type, as the server stores the value it was sent.
 */
final class MetricSeries {

    /** MongoDB's {@code $round} on a double goes through a 34-digit decimal; a result needing more is NaN. */
    private static final MathContext DECIMAL128 = new MathContext(34, RoundingMode.HALF_EVEN);

    private final String metric;
    private final String variant;
    private @Nullable Number value;
    private long iteration;
    private long timestamp;
    private @Nullable String xAxisLabel;
    private @Nullable Number first;
    private long firstIteration;
    private @Nullable Number min;
    private long minIteration;
    private @Nullable Number max;
    private long maxIteration;
    private long count;
    private double total;

    MetricSeries(String metric, String variant) {
        this.metric = metric;
        this.variant = variant;
    }

    String metric() {
        return metric;
    }

    String variant() {
        return variant;
    }

    String name() {
        return metric + "/" + variant;
    }

    /** Folds one event of a 2.x server. */
    void add(Number eventValue, long eventIteration, long eventTimestamp, @Nullable String label) {
        count++;
        total += eventValue.doubleValue();
        if (isLatest(eventIteration, eventTimestamp)) {
            latest(eventValue, eventIteration, eventTimestamp);
            if (label != null) {
                xAxisLabel = label;
            }
        }
        if (first == null || eventIteration < firstIteration) {
            first = eventValue;
            firstIteration = eventIteration;
        }
        extremes(eventValue, eventIteration);
    }

    /** Folds one event of a 1.x server: an event older than the latest so far is not looked at. */
    void addVersion1(Number eventValue, long eventIteration, long eventTimestamp) {
        if (isLatest(eventIteration, eventTimestamp)) {
            latest(eventValue, eventIteration, eventTimestamp);
            extremes(eventValue, eventIteration);
        }
    }

    /** The {@code last_metrics} entry, fields in the order of ClearML's {@code MetricEvent}. */
    Document entry(ServerGeneration generation) {
        Document entry = new Document("metric", metric).append("variant", variant).append("value", value)
                .append("min_value", min).append("min_value_iteration", integer(minIteration))
                .append("max_value", max).append("max_value_iteration", integer(maxIteration));
        if (generation == ServerGeneration.V2) {
            entry.append("first_value", first).append("first_value_iteration", integer(firstIteration))
                    .append("count", integer(count)).append("mean_value", mean(total / count));
            if (xAxisLabel != null) {
                entry.append("x_axis_label", xAxisLabel);
            }
        }
        return entry;
    }

    private boolean isLatest(long eventIteration, long eventTimestamp) {
        return value == null || eventIteration > iteration
                || eventIteration == iteration && eventTimestamp >= timestamp;
    }

    private void latest(Number eventValue, long eventIteration, long eventTimestamp) {
        value = eventValue;
        iteration = eventIteration;
        timestamp = eventTimestamp;
    }

    private void extremes(Number eventValue, long eventIteration) {
        if (min == null || eventValue.doubleValue() < min.doubleValue()) {
            min = eventValue;
            minIteration = eventIteration;
        }
        if (max == null || eventValue.doubleValue() > max.doubleValue()) {
            max = eventValue;
            maxIteration = eventIteration;
        }
    }

    /**
     * The mean as ClearML stores it: {@code $round: [mean, 2]}, which MongoDB computes on the double's 34-digit
     * decimal, half to even, and turns into NaN when 2 decimals need more than 34 digits (|mean| ≥ 1e32).
     */
    static double mean(double mean) {
        if (Double.isNaN(mean) || Double.isInfinite(mean) || mean == 0) {
            return mean;
        }
        BigDecimal rounded = new BigDecimal(mean).round(DECIMAL128).setScale(2, RoundingMode.HALF_EVEN);
        if (rounded.precision() > DECIMAL128.getPrecision()) {
            return Double.NaN;
        }
        // A decimal zero keeps its sign, as -0.001 rounds to -0.00 in MongoDB; BigDecimal has no negative zero.
        return rounded.signum() == 0 ? Math.copySign(0.0, mean) : rounded.doubleValue();
    }

    /** Python ints are stored as int32 when they fit, else int64. */
    static Number integer(long number) {
        if (number == (int) number) {
            return Integer.valueOf((int) number); // not a ?: expression, which would unbox both sides to long
        }
        return Long.valueOf(number);
    }
}
