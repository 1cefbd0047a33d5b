package clearml.migrate.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventIndexNamesTest {

    @ParameterizedTest
    @CsvSource({
        "LOG, d1bd92a3b039400cbafc60a7a5b1e52b, events-log-d1bd92a3b039400cbafc60a7a5b1e52b",
        "TRAINING_STATS_SCALAR, AbC123, events-training_stats_scalar-abc123",
        "PLOT, '', events-plot-",
        "TRAINING_DEBUG_IMAGE, c, events-training_debug_image-c",
    })
    void namesIndexByTypeAndLowerCasedCompany(EventType type, String company, String expected) {
        assertThat(EventIndexNames.index(type, company)).isEqualTo(expected);
    }

    @Test
    void patternsCoverAllTypesOfOneOrSeveralCompanies() {
        assertThat(EventIndexNames.allTypes("ABC")).isEqualTo("events-*-abc");
        assertThat(EventIndexNames.allTypes("")).isEqualTo("events-*-");
        assertThat(EventIndexNames.allTypes(List.of("a", "", "A"))).isEqualTo("events-*-a,events-*-");
    }

    @ParameterizedTest
    @CsvSource({
        "events-log-abc, LOG, abc",
        "events-training_stats_vector-abc, TRAINING_STATS_VECTOR, abc",
        "events-plot-, PLOT, ''",
    })
    void parsesIndexNameBackIntoTypeAndCompany(String name, EventType type, String company) {
        assertThat(EventIndexNames.parse(name)).contains(new EventIndexName(type, company));
        assertThat(new EventIndexName(type, company).name()).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource({"events-unknown-abc", "events-log", "queue_metrics_abc_2024", "events_log-abc", "worker_stats_x"})
    void findsNoEventIndexInOtherNames(String name) {
        assertThat(EventIndexNames.parse(name)).isEqualTo(Optional.empty());
    }
}
