package clearml.migrate.exporting;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.python.PythonFormat;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The direct pass writes what the generator writes (held event by event in {@link EventLinesTest}) and takes the
 * events it should: those an engine stores, whitespace, escapes and raw UTF-8 included.
 */
class SourceBytesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"type\":\"log\",\"msg\":\"a\"}                  | true  | log",
        "{ \"type\" : \"plot\" , \"plot_data\" : \"x\" }   | true  | plot",
        "{\"msg\":\"r\u00e9sum\u00e9 \\n\\u00e9\",\"type\":\"log\"} | true | log",
        "{\"v\":0.9552,\"w\":1e-05,\"type\":\"training_stats_scalar\"} | true | training_stats_scalar",
        "{\"meta\":{\"type\":\"plot\"}}                   | true  | ``",
        "{\"type\":\"log\",\"v\":NaN}                      | false | ``",
        "{\"type\":\"log\",\"v\":-0}                       | false | ``",
        "{\"type\":\"log\",\"msg\":\"a\u0001b\"}           | false | ``",
    })
    void copiesWhatEnginesStoreAndLeavesTheRestToTheTokenCopy(String stored, boolean direct, String type) {
        SourceBytes copy = new SourceBytes();
        byte[] bytes = stored.getBytes(StandardCharsets.UTF_8);

        assertThat(copy.copy(bytes, 0, bytes.length)).isEqualTo(direct);
        if (direct) {
            assertThat(copy.type()).isEqualTo(type);
            assertThat(copy.hasPlotData()).isEqualTo(stored.contains("plot_data"));
        }
    }

    /** Floats as Python, Java and fixed-precision writers print them all come out as Python's repr. */
    @Test
    void writesEveryFloatAsPythonsRepr() {
        Random random = new Random(14);
        SourceBytes copy = new SourceBytes();
        for (int i = 0; i < 20_000; i++) {
            double value = switch (i % 4) {
                case 0 -> random.nextDouble();
                case 1 -> Double.longBitsToDouble(random.nextLong());
                case 2 -> Math.round(random.nextGaussian() * 1e6) / 1e4;
                default -> random.nextInt(1000) * Math.pow(10, random.nextInt(40) - 20);
            };
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                continue;
            }
            for (String text : texts(value, random)) {
                byte[] event = ("{\"v\":" + text + "}").getBytes(StandardCharsets.US_ASCII);
                assertThat(copy.copy(event, 0, event.length)).as(text).isTrue();
                assertThat(new String(copy.array(), 0, copy.size(), StandardCharsets.US_ASCII)).as(text)
                        .isEqualTo("{\"v\":" + PythonFormat.jsonFloat(Double.parseDouble(text)) + "}");
            }
        }
    }

    private static String[] texts(double value, Random random) {
        BigDecimal exact = new BigDecimal(value);
        String rounded = exact.round(new MathContext(1 + random.nextInt(17))).toPlainString();
        return new String[] {
            PythonFormat.floatRepr(value), Double.toString(value), rounded.contains(".") ? rounded : rounded + ".0",
            rounded.contains(".") ? rounded + "00" : rounded + ".000",
        };
    }
}
