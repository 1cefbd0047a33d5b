package clearml.migrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** How long a Retry-After header asks the client to wait. */
class ApiTransportTest {

    @ParameterizedTest
    @CsvSource({"0, 0", "3, 3", "' 12 ', 12", "soon, 0", "-5, 0", "'', 0"})
    void readsSeconds(String header, long seconds) {
        assertThat(ApiTransport.retryAfter(header)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void readsAnHttpDate() {
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        String past = "Wed, 21 Oct 2015 07:28:00 GMT";

        assertThat(ApiTransport.retryAfter(inAMinute)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
        assertThat(ApiTransport.retryAfter(past)).isZero();
    }
}
