package clearml.migrate.cli;

import clearml.migrate.progress.Progress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Draws one line per phase on stderr: count, total, rate and ETA. On a terminal the line is redrawn in place
 * with {@code \r} at most five times a second; elsewhere (a pipe, a CI log) each phase prints one line when it ends,
 * so logs hold no control characters. Thread-safe: workers may advance a phase concurrently.
 */
final class ProgressRenderer implements Progress {

    private static final long REDRAW_NANOS = Duration.ofMillis(200).toNanos();

    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private String phase = "";
    private long total = -1;
    private long done;
    private long startedAt;
    private long drawnAt;
    private boolean open;

    ProgressRenderer(PrintWriter err, boolean terminal, LongSupplier nanoClock) {
        this.err = err;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
    }

    @Override
    public synchronized void start(String phase, long total) {
        if (open) {
            finish();
        }
        this.phase = phase;
        this.total = total;
        this.done = 0;
        this.startedAt = nanoClock.getAsLong();
        this.drawnAt = startedAt;
        this.open = true;
        redraw();
    }

    @Override
    public synchronized void advance(long units) {
        done += units;
        long now = nanoClock.getAsLong();
        if (terminal && now - drawnAt >= REDRAW_NANOS) {
            drawnAt = now;
            redraw();
        }
    }

    @Override
    public synchronized void finish() {
        if (!open) {
            return;
        }
        open = false;
        err.print((terminal ? "\r" : "") + finishedLine() + (terminal ? "\033[K" : "") + System.lineSeparator());
        err.flush();
    }

    private void redraw() {
        if (terminal) {
            err.print("\r" + runningLine() + "\033[K");
            err.flush();
        }
    }

    String runningLine() {
        double rate = rate();
        String count = total < 0 ? count(done) : count(done) + "/" + count(total) + " (" + percent() + "%)";
        String eta = total < 0 || rate <= 0 ? "" : "  ETA " + clock((long) ((total - done) / rate));
        return phase + ": " + count + "  " + count((long) rate) + "/s" + eta;
    }

    String finishedLine() {
        long seconds = elapsedNanos() / 1_000_000_000L;
        return phase + ": " + count(done) + " in " + clock(seconds) + " (" + count((long) rate()) + "/s)";
    }

    private long percent() {
        return total == 0 ? 100 : Math.min(100, done * 100 / total);
    }

    private double rate() {
        long elapsed = elapsedNanos();
        return elapsed <= 0 ? 0 : done * 1e9 / elapsed;
    }

    private long elapsedNanos() {
        return nanoClock.getAsLong() - startedAt;
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String clock(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
