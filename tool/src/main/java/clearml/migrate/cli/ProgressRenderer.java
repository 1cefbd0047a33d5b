package clearml.migrate.cli;

import clearml.migrate.progress.Progress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Draws one line per phase on stderr: count (in the phase's unit), total, bytes, rates and ETA. On a terminal the
 * line is redrawn in place with {@code \r} at most five times a second; elsewhere (a pipe, a CI log) each phase
 * prints one line when it ends, so logs hold no control characters. The ETA comes from the units when their total
 * is known, else from the bytes. Thread-safe: workers may advance a phase concurrently.
 */
final class ProgressRenderer implements Progress {

    private static final long REDRAW_NANOS = Duration.ofMillis(200).toNanos();

    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private String phase = "";
    private String unit = "";
    private long total = -1;
    private long totalBytes = -1;
    private long done;
    private long bytes;
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
        start(phase, "", total, -1);
    }

    @Override
    public synchronized void start(String phase, String unit, long total, long totalBytes) {
        if (open) {
            finish();
        }
        this.phase = phase;
        this.unit = unit.isEmpty() ? "" : " " + unit;
        this.total = total;
        this.totalBytes = totalBytes;
        this.done = 0;
        this.bytes = 0;
        this.startedAt = nanoClock.getAsLong();
        this.drawnAt = startedAt;
        this.open = true;
        redraw();
    }

    @Override
    public synchronized void expect(long units, long moreBytes) {
        total = Math.max(total, 0) + units;
        totalBytes = moreBytes > 0 ? Math.max(totalBytes, 0) + moreBytes : totalBytes;
    }

    @Override
    public void advance(long units) {
        advance(units, 0);
    }

    @Override
    public synchronized void advance(long units, long moreBytes) {
        done += units;
        bytes += moreBytes;
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
        String count = total < 0 ? count(done) + unit : count(done) + "/" + count(total) + unit + " (" + percent() + "%)";
        return phase + ": " + count + size(bytes) + "  " + count((long) rate(done)) + "/s" + byteRate() + eta();
    }

    String finishedLine() {
        long seconds = elapsedNanos() / 1_000_000_000L;
        return phase + ": " + count(done) + unit + size(bytes) + " in " + clock(seconds) + " ("
                + count((long) rate(done)) + unit + "/s" + byteRate() + ")";
    }

    private long percent() {
        return total == 0 ? 100 : Math.min(100, done * 100 / total);
    }

    private String eta() {
        double unitRate = rate(done);
        if (total >= 0 && unitRate > 0) {
            return "  ETA " + clock((long) (Math.max(0, total - done) / unitRate));
        }
        double byteRate = rate(bytes);
        return totalBytes >= 0 && byteRate > 0 ? "  ETA " + clock((long) (Math.max(0, totalBytes - bytes) / byteRate)) : "";
    }

    private String byteRate() {
        return bytes > 0 ? ", " + megabytes((long) rate(bytes)) + "/s" : "";
    }

    private double rate(long amount) {
        long elapsed = elapsedNanos();
        return elapsed <= 0 ? 0 : amount * 1e9 / elapsed;
    }

    private long elapsedNanos() {
        return nanoClock.getAsLong() - startedAt;
    }

    private static String size(long bytes) {
        return bytes > 0 ? ", " + megabytes(bytes) : "";
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,.1f MB", bytes / 1e6);
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
