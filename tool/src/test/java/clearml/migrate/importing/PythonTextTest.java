package clearml.migrate.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonTextTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0.001      | 0.001
            0.00001    | 1e-05
            1.5e-7     | 1.5e-07
            1.0        | 1.0
            100.0      | 100.0
            1e16       | 1e+16
            123456789012345.0 | 123456789012345.0
            -0.25      | -0.25
            0.0001     | 0.0001
            """)
    void printsFloatsAsPythonStr(double value, String expected) {
        assertThat(PythonText.str(value)).isEqualTo(expected);
    }

    @Test
    void printsScalarsAsPythonStr() {
        assertThat(PythonText.str(true)).isEqualTo("True");
        assertThat(PythonText.str(false)).isEqualTo("False");
        assertThat(PythonText.str(null)).isEqualTo("None");
        assertThat(PythonText.str(42)).isEqualTo("42");
        assertThat(PythonText.str(12345678901L)).isEqualTo("12345678901");
        assertThat(PythonText.str("plain text")).isEqualTo("plain text");
    }

    @Test
    void printsContainersInReprForm() {
        assertThat(PythonText.str(new Document("a", 1).append("b", "x"))).isEqualTo("{'a': 1, 'b': 'x'}");
        assertThat(PythonText.str(List.of(1, "it's", true))).isEqualTo("[1, \"it's\", True]");
        assertThat(PythonText.str(new Document("nested", List.of(0.5, new Document())))).isEqualTo("{'nested': [0.5, {}]}");
    }
}
