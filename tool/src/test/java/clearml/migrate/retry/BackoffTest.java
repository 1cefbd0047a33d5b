package clearml.migrate.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The waits between attempts, and the floor a server's Retry-After sets. */
class BackoffTest {

    @Test
    void waitsAtLeastWhatTheServerAskedFor() {
        Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(5));

        long start = System.nanoTime();
        assertThat(backoff.pause(Duration.ofMillis(300))).isTrue();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(backoff.waits()).isEqualTo(1);
    }

    @Test
    void givesUpAtOnceWhenTheServerAsksForMoreThanThePatienceLeaves() {
        Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(1));

        long start = System.nanoTime();
        assertThat(backoff.pause(Duration.ofSeconds(30))).isFalse();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(backoff.waits()).isZero();
    }
}
