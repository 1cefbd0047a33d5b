package clearml.migrate.archive;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** A double as Python's {@code repr(float)} prints it, which is what {@code json.dumps} writes (data model §3.5). */
final class PythonFloat {

    private PythonFloat() {
    }

    static String repr(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortest(value);
        int exponent = shortest.precision() - shortest.scale() - 1;
        // Python switches to exponent notation outside 1e-4 <= |x| < 1e16.
        return exponent >= -4 && exponent < 16 ? plain(shortest) : scientific(shortest, exponent);
    }

    // Schubfach (in Jackson, and Double.toString from Java 19) gives the shortest closest decimal like Python's
    // repr, except that it never gives fewer than two digits (4.9E-324 where Python says 5e-324).
    private static BigDecimal shortest(double value) {
        BigDecimal fast = new BigDecimal(DoubleToDecimal.toString(value)).stripTrailingZeros();
        return fast.precision() > 2 ? fast : search(value);
    }

    // The fewest significant digits that read back as the same double, the closest of them; Java 17's own
    // Double.toString is not always shortest (JDK-4511638, fixed in 19).
    private static BigDecimal search(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 1; digits < 17; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == value) {
                return candidate.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    private static String plain(BigDecimal shortest) {
        String text = shortest.toPlainString();
        return text.indexOf('.') < 0 ? text + ".0" : text;
    }

    private static String scientific(BigDecimal shortest, int exponent) {
        String digits = shortest.unscaledValue().abs().toString();
        StringBuilder out = new StringBuilder(24);
        if (shortest.signum() < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append(exponent < 0 ? "e-" : "e+");
        int magnitude = Math.abs(exponent);
        return out.append(magnitude < 10 ? "0" : "").append(magnitude).toString();
    }
}
