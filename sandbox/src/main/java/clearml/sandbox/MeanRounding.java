package clearml.sandbox;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How ClearML stores a metric's {@code mean_value}: {@code $round: [mean, 2]} (data model §5.6), which MongoDB
 * computes on the double's exact value taken to 34 digits (Decimal128), half to even. Shared by the seeder and the
 * API stand-in so both write what the server writes.
 */
public final class MeanRounding {

    private static final MathContext DECIMAL128 = new MathContext(34, RoundingMode.HALF_EVEN);

    private MeanRounding() {
    }

    /**
     * The mean rounded as MongoDB rounds it. The double's shortest text would round differently: 0.495 is stored as
     * 0.49499999…, so MongoDB gives 0.49 where {@code BigDecimal.valueOf} gives 0.5. Two decimals that need more
     * than 34 digits (|mean| ≥ 1e32) turn into NaN, as in MongoDB.
     */
    public static double round2(double mean) {
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
}
