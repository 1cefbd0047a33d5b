package clearml.migrate.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every expected value below is what CPython 3 printed for {@code repr(float(x))} and {@code json.dumps(float(x))}. */
class PythonFormatTest {

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource(delimiter = '|', textBlock = """
            0.1                      | 0.1                      | 0.1
            0.30000000000000004      | 0.30000000000000004      | 0.30000000000000004
            1e-05                    | 1e-05                    | 1e-05
            0.0001                   | 0.0001                   | 0.0001
            -1e-4                    | -0.0001                  | -0.0001
            0.00001234               | 1.234e-05                | 1.234e-05
            1.5e-07                  | 1.5e-07                  | 1.5e-07
            -7.25e-7                 | -7.25e-07                | -7.25e-07
            1.23e-18                 | 1.23e-18                 | 1.23e-18
            1.0                      | 1.0                      | 1.0
            100.0                    | 100.0                    | 100.0
            123456.789               | 123456.789               | 123456.789
            1e15                     | 1000000000000000.0       | 1000000000000000.0
            1234567890123456.0       | 1234567890123456.0       | 1234567890123456.0
            9999999999999998.0       | 9999999999999998.0       | 9999999999999998.0
            9007199254740993.0       | 9007199254740992.0       | 9007199254740992.0
            1e16                     | 1e+16                    | 1e+16
            123456789012345678.0     | 1.2345678901234568e+17   | 1.2345678901234568e+17
            1e22                     | 1e+22                    | 1e+22
            1e23                     | 1e+23                    | 1e+23
            2e23                     | 2e+23                    | 2e+23
            8.41e21                  | 8.41e+21                 | 8.41e+21
            1.5e300                  | 1.5e+300                 | 1.5e+300
            1.7976931348623157e308   | 1.7976931348623157e+308  | 1.7976931348623157e+308
            2.2250738585072014e-308  | 2.2250738585072014e-308  | 2.2250738585072014e-308
            5e-324                   | 5e-324                   | 5e-324
            0.0                      | 0.0                      | 0.0
            -0.0                     | -0.0                     | -0.0
            Infinity                 | inf                      | Infinity
            -Infinity                | -inf                     | -Infinity
            NaN                      | nan                      | NaN
            """)
    void printsFloatsAsPython(double value, String repr, String json) {
        assertThat(PythonFormat.floatRepr(value)).isEqualTo(repr);
        assertThat(PythonFormat.str(value)).isEqualTo(repr);
        assertThat(PythonFormat.jsonFloat(value)).isEqualTo(json);
    }

    @Test
    void printsScalarsAsPythonStr() {
        assertThat(PythonFormat.str(true)).isEqualTo("True");
        assertThat(PythonFormat.str(false)).isEqualTo("False");
        assertThat(PythonFormat.str(null)).isEqualTo("None");
        assertThat(PythonFormat.str(42)).isEqualTo("42");
        assertThat(PythonFormat.str(12345678901L)).isEqualTo("12345678901");
        assertThat(PythonFormat.str(new BigInteger("12345678901234567890"))).isEqualTo("12345678901234567890");
        assertThat(PythonFormat.str("plain text")).isEqualTo("plain text");
    }

    @Test
    void printsContainersInTheirReprForm() {
        assertThat(PythonFormat.str(new Document("a", Arrays.asList(1, 0.5, null, true)).append("b", "x\"y")))
                .isEqualTo("{'a': [1, 0.5, None, True], 'b': 'x\"y'}");
        assertThat(PythonFormat.str(List.of(1e-05, "a\\b\n", new BigInteger("12345678901234567890"))))
                .isEqualTo("[1e-05, 'a\\\\b\\n', 12345678901234567890]");
        assertThat(PythonFormat.repr("it's")).isEqualTo("\"it's\"");
        assertThat(PythonFormat.str(new Document("nested", List.of(0.5, new Document())))).isEqualTo("{'nested': [0.5, {}]}");
    }
}
