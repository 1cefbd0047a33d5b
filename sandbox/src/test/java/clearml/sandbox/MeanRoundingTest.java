package clearml.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MeanRoundingTest {

    /** Expected values are what MongoDB's {@code $round: [x, 2]} gives for the double (Decimal128, half to even). */
    @ParameterizedTest
    @CsvSource({
            "0.495, 0.49",    // stored as 0.49499999…; rounding the text "0.495" would give 0.5
            "0.125, 0.12",    // exact in binary: half to even
            "0.375, 0.38",
            "2.675, 2.67",    // stored as 2.67499999…
            "-0.001, -0.0",
            "1e32, NaN",      // two decimals need 35 digits
            "0, 0",
    })
    void roundsTheDoublesExactValueAsMongoDbDoes(double mean, double expected) {
        assertThat((Double) MeanRounding.round2(mean)).isEqualTo((Double) expected);
    }
}
