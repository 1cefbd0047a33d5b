package clearml.migrate.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EventTypeTest {

    @ParameterizedTest
    @CsvSource({
        "log, LOG",
        "training_stats_scalar, TRAINING_STATS_SCALAR",
        "training_stats_vector, TRAINING_STATS_VECTOR",
        "training_debug_image, TRAINING_DEBUG_IMAGE",
        "plot, PLOT",
        "training stats scalar, TRAINING_STATS_SCALAR",
    })
    void readsClearmlTypeValuesWithSpacesAsUnderscores(String value, EventType expected) {
        assertThat(EventType.fromValue(value)).isEqualTo(expected);
    }

    @Test
    void rejectsUnknownTypeNamingTheKnownOnes() {
        assertThatThrownBy(() -> EventType.fromValue("Log"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown ClearML event type 'Log': expected one of log, training_stats_scalar, "
                        + "training_stats_vector, training_debug_image, plot");
    }
}
