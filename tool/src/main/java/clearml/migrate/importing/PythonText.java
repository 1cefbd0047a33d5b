package clearml.migrate.importing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Python's {@code str()} of a JSON-like value, which ClearML's importer uses to turn legacy parameter values into
 * hyperparameter strings (data model §5.4): {@code True}, {@code None}, {@code 0.001}, {@code 1e-05}, and
 * containers in their repr form ({@code {'a': 1}}).
 */
final class PythonText {

    private PythonText() {
    }

    /** Python's {@code str(value)}. */
    static String str(@Nullable Object value) {
        return value instanceof String text ? text : repr(value);
    }

    /** Python's {@code repr(value)}, as used for the items of lists and dicts. */
    static String repr(@Nullable Object value) {
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
            return list.stream().map(PythonText::repr).collect(Collectors.joining(", ", "[", "]"));
        }
        return value.toString();
    }

    /** Python's float repr: fixed notation for exponents -4..15, otherwise {@code 1e-05} style. */
    static String floatRepr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        int exponent = decimal.precision() - decimal.scale() - 1;
        return exponent >= -4 && exponent < 16 ? fixed(decimal) : scientific(decimal, exponent);
    }

    private static String fixed(BigDecimal decimal) {
        String plain = decimal.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    private static String scientific(BigDecimal decimal, int exponent) {
        String digits = decimal.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sign = decimal.signum() < 0 ? "-" : "";
        String exponentSign = exponent < 0 ? "-" : "+";
        return sign + mantissa + "e" + exponentSign + String.format("%02d", Math.abs(exponent));
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
