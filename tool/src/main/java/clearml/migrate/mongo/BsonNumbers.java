package clearml.migrate.mongo;

import java.math.BigDecimal;

/**
 * Equality of stored numbers by value, whatever their BSON type: an int32 read back for an archived int64, or
 * {@code 5} for {@code 5.0}, is the same number; NaN equals NaN and each infinity itself.
 */
public final class BsonNumbers {

    private BsonNumbers() {
    }

    /** Whether two numbers have the same value. */
    public static boolean same(Number a, Number b) {
        double x = a.doubleValue();
        double y = b.doubleValue();
        if (Double.isNaN(x) || Double.isNaN(y) || Double.isInfinite(x) || Double.isInfinite(y)) {
            return Double.compare(x, y) == 0;
        }
        return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
    }
}
