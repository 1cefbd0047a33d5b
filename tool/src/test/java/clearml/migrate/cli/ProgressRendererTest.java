package clearml.migrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressRendererTest {

    private static final long SECOND = 1_000_000_000L;

    private final StringWriter err = new StringWriter();
    private long now;

    private ProgressRenderer renderer(boolean terminal) {
        return new ProgressRenderer(new PrintWriter(err), terminal, () -> now);
    }

    @Test
    void outsideATerminalPrintsOneLinePerPhaseAtItsEnd() {
        ProgressRenderer progress = renderer(false);

        progress.start("tasks", 3000);
        now += 2 * SECOND;
        progress.advance(3000);
        progress.finish();
        progress.start("events", -1);
        now += 65 * SECOND;
        progress.advance(130_000);
        progress.finish();

        assertThat(err.toString()).doesNotContain("\r")
                .isEqualTo("tasks: 3,000 in 0:02 (1,500/s)%nevents: 130,000 in 1:05 (2,000/s)%n".formatted());
    }

    @Test
    void showsCountRateAndEtaWhileRunning() {
        ProgressRenderer progress = renderer(true);

        progress.start("events", 10_000);
        now += 4 * SECOND;
        progress.advance(2_000);

        assertThat(progress.runningLine()).isEqualTo("events: 2,000/10,000 (20%)  500/s  ETA 0:16");
    }

    @Test
    void onATerminalRedrawsInPlaceAtMostFiveTimesASecond() {
        ProgressRenderer progress = renderer(true);

        progress.start("tasks", 10);
        now += SECOND / 10;
        progress.advance(1);
        now += SECOND / 5;
        progress.advance(1);
        progress.finish();

        assertThat(err.toString().split("\r", -1)).hasSize(4);
        assertThat(err.toString()).contains("\rtasks: 2/10 (20%)").endsWith("tasks: 2 in 0:00 (6/s)\033[K%n".formatted());
    }

    @Test
    void startingAPhaseEndsTheOpenOne() {
        ProgressRenderer progress = renderer(false);

        progress.start("projects", 2);
        progress.advance(2);
        progress.start("tasks", 5);

        assertThat(err.toString()).startsWith("projects: 2 in 0:00");
    }
}
