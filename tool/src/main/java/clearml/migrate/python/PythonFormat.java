package clearml.migrate.python;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * How Python prints a value, as ClearML's Python code leaves it in the data: {@code json.dumps} writes floats in
 * archives (data model §3.5), {@code str()} of an event's fields is hashed into its id (§2.4), and the importer
 * turns legacy parameters into hyperparameter strings with {@code str()} (§5.4).
 */
public final class PythonFormat {

    private PythonFormat() {
    }

    /** Python's {@code str(value)}: text as it is, everything else as {@link #repr(Object)}. */
    public static String str(@Nullable Object value) {
        return value instanceof String text ? text : repr(value);
    }

    /**
     * Python's {@code repr(value)} of what {@code json.loads} or a BSON decoder gives: {@code None}, {@code True},
     * integers, floats, quoted text, and dicts and lists of those ({@code {'a': [1, 0.5]}}).
     */
    public static String repr(@Nullable Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean flag) {
            return flag ? "True" : "False";
        }
        if (value instanceof Double || value instanceof Float) {
            return floatRepr(((Number) value).doubleValue());
        }
        if (value instanceof String text) {
            return stringRepr(text);
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> repr(e.getKey()) + ": " + repr(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PythonFormat::repr).collect(Collectors.joining(", ", "[", "]"));
        }
        return value.toString();
    }

    /** Python's {@code json.dumps} of a float: its repr, with {@code NaN}, {@code Infinity}, {@code -Infinity}. */
    public static String jsonFloat(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        return floatRepr(value);
    }

    /**
     * Python's {@code repr(float)}: the shortest digits that read back as the same double, positional for decimal
     * exponents -4..15 ({@code 0.0001}, {@code 1234567890123456.0}), otherwise {@code 1e-05}, {@code 1.5e+16}.
     */
    public static String floatRepr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortest(value);
        int exponent = shortest.precision() - shortest.scale() - 1;
        return exponent >= -4 && exponent < 16 ? positional(shortest) : scientific(shortest, exponent);
    }

    // Schubfach (in Jackson, and Double.toString from Java 19) gives the shortest closest decimal like Python's
    // repr, except that it never gives fewer than two digits (4.9E-324 where Python says 5e-324). Java 17's own
    // Double.toString is not always shortest (JDK-4511638, fixed in 19), so it is not used.
    private static BigDecimal shortest(double value) {
        BigDecimal fast = new BigDecimal(DoubleToDecimal.toString(value)).stripTrailingZeros();
        return fast.precision() > 2 ? fast : search(value);
    }

    /** The fewest significant digits that read back as the same double, the closest of them. */
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

    private static String positional(BigDecimal shortest) {
        String text = shortest.toPlainString();
        return text.indexOf('.') < 0 ? text + ".0" : text;
    }

    private static String scientific(BigDecimal shortest, int exponent) {
        String digits = shortest.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sign = shortest.signum() < 0 ? "-" : "";
        return sign + mantissa + (exponent < 0 ? "e-" : "e+") + String.format("%02d", Math.abs(exponent));
    }

    /** Python's str repr: single quotes unless the text holds a single quote and no double quote. */
    private static String stringRepr(String text) {
        char quote = text.contains("'") && !text.contains("\"") ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        for (char c : text.toCharArray()) {
            out.append(escapeChar(c, quote));
        }
        return out.append(quote).toString();
    }

    private static String escapeChar(char c, char quote) {
        return switch (c) {
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> c == quote ? "\\" + c : String.valueOf(c);
        };
    }
}
