package clearml.migrate.exporting;

import clearml.migrate.events.EventOrder;
import clearml.migrate.events.ScrollOptions;

/**
 * Scroll pages of about {@value #PAGE_BYTES} bytes: the engine builds each page whole before it sends it, and a
 * plot can weigh megabytes (data model §2.5) where a scalar weighs a few hundred bytes. A scroll's page size is
 * fixed by its first request, so it is taken from the average size of the events exported so far, plots and
 * the others apart. Thread-safe: the export's workers share one.
 */
final class PageSizes {

    static final long PAGE_BYTES = 4 << 20;

    private static final ScrollOptions BASE = ScrollOptions.defaults().withOrder(EventOrder.INDEX).withPrefetch(true);

    // Guesses until events have been seen: 800 B for most events (5242 a page), 80 KiB for plots (51 a page).
    private final Average events = new Average(800);
    private final Average plots = new Average(80 * 1024);

    ScrollOptions events() {
        return BASE.forPageBytes(PAGE_BYTES, events.bytes());
    }

    ScrollOptions plots() {
        return BASE.forPageBytes(PAGE_BYTES, plots.bytes());
    }

    void sawEvents(long count, long bytes) {
        events.add(count, bytes);
    }

    void sawPlots(long count, long bytes) {
        plots.add(count, bytes);
    }

    /** Bytes per event over everything seen, or the guess before anything was. */
    private static final class Average {
        private final long guess;
        private long count;
        private long bytes;

        Average(long guess) {
            this.guess = guess;
        }

        synchronized void add(long events, long eventBytes) {
            count += events;
            bytes += eventBytes;
        }

        synchronized long bytes() {
            return count == 0 ? guess : Math.max(1, bytes / count);
        }
    }
}
