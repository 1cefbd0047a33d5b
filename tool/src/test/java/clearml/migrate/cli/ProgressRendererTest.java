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
    void countsEventsAndBytesWithBothRates() {
        ProgressRenderer progress = renderer(true);

        progress.start("export", "events", 1_000_000, -1);
        now += 10 * SECOND;
        progress.advance(250_000, 75_000_000);

        assertThat(progress.runningLine())
                .isEqualTo("export: 250,000/1,000,000 events (25%), 75.0 MB  25,000/s, 7.5 MB/s  ETA 0:30");
        progress.advance(750_000, 225_000_000);
        now += 30 * SECOND;
        assertThat(progress.finishedLine())
                .isEqualTo("export: 1,000,000 events, 300.0 MB in 0:40 (25,000 events/s, 7.5 MB/s)");
    }

    @Test
    void takesTheEtaFromTheBytesWhenOnlyTheirTotalIsKnown() {
        ProgressRenderer progress = renderer(true);

        progress.start("validate archive", "documents", -1, 400_000_000);
        now += 5 * SECOND;
        progress.advance(300_000, 100_000_000);

        assertThat(progress.runningLine())
                .isEqualTo("validate archive: 300,000 documents, 100.0 MB  60,000/s, 20.0 MB/s  ETA 0:15");
    }

    @Test
    void aPhaseLearnsItsTotalInParts() {
        ProgressRenderer progress = renderer(true);

        progress.start("export", "events", -1, -1);
        progress.expect(600, 0);
        progress.expect(400, 0);
        now += SECOND;
        progress.advance(500, 0);

        assertThat(progress.runningLine()).isEqualTo("export: 500/1,000 events (50%)  500/s  ETA 0:01");
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
