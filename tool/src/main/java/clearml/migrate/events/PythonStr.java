package clearml.migrate.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * Renders a JSON scalar the way Python's {@code str()} renders the value {@code json.loads} gives for it, which
 * is what ClearML hashes into event ids (clearml-data-model.md §2.4).
 */
final class PythonStr {

    private PythonStr() {
    }

    /**
     * Python's {@code str()} of a JSON scalar.
     *
     * @throws IllegalArgumentException for objects and arrays: ClearML cannot index such ids either, because
     *     {@code task}, {@code metric}, {@code variant} and {@code key} are keyword fields and {@code iter} a long
     */
    static String of(JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "True" : "False";
        }
        if (value.isNull() || value.isMissingNode()) {
            return "None";
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            return ofFloat(value.doubleValue());
        }
        throw new IllegalArgumentException("Cannot compute a ClearML event id over a JSON " + value.getNodeType());
    }

    /**
     * Python's {@code repr()} of a float: the shortest round-trip digits, positional for decimal exponents
     * -4..15, otherwise {@code d.ddde±XX}. (Java 17's {@code Double.toString} is not always the shortest; the
     * rare values where it is not give a different id, as they would for any non-Python client.)
     */
    static String ofFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = decimal.unscaledValue().toString();
        int exponent = digits.length() - 1 - decimal.scale();
        String sign = d < 0 ? "-" : "";
        return sign + (exponent >= -4 && exponent < 16 ? positional(decimal) : scientific(digits, exponent));
    }

    private static String positional(BigDecimal decimal) {
        String plain = decimal.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    private static String scientific(String digits, int exponent) {
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
}
