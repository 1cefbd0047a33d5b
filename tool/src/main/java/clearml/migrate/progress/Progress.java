package clearml.migrate.progress;

/**
 * Where a use case reports how far it has come. Only the command line renders it (bars on stderr, or nothing);
 * the core never prints. Implementations must be thread-safe: phases may advance from several workers.
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

    /** Adds {@code done} units to the current phase. */
    void advance(long done);

    /** Ends the current phase. */
    void finish();
}
