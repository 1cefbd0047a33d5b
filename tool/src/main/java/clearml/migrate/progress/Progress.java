package clearml.migrate.progress;

/**
 * Where a use case reports how far it has come. Only the command line renders it (bars on stderr, or nothing);
 * the core never prints. Implementations must be thread-safe: phases may advance from several workers.
 *
 * <p>A phase counts units, items unless it names them (events for the phases that move events, so that one large
 * task moves the bar as smoothly as many small ones), and may also count the bytes they weigh.
 */
public interface Progress {

    /** A progress sink that shows nothing: for tests and for {@code --json} runs. */
    Progress SILENT = new Progress() {
        @Override
        public void start(String phase, long total) {
        }

        @Override
        public void advance(long done) {
        }

        @Override
        public void finish() {
        }
    };

    /** Begins a phase; {@code total} is the expected number of units, or -1 when unknown. */
    void start(String phase, long total);

    /**
     * Begins a phase counted in {@code unit} (plural, e.g. {@code "events"}), expecting {@code total} of them and
     * {@code totalBytes} bytes; either is -1 when unknown.
     */
    default void start(String phase, String unit, long total, long totalBytes) {
        start(phase, total);
    }

    /** Raises the current phase's expected totals: a phase may learn its size in parts. */
    default void expect(long units, long bytes) {
    }

    /** Adds {@code done} units to the current phase. */
    void advance(long done);

    /** Adds {@code done} units and the {@code bytes} they weigh to the current phase. */
    default void advance(long done, long bytes) {
        advance(done);
    }

    /** Ends the current phase. */
    void finish();
}
