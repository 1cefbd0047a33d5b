package clearml.migrate.failures;

/** The process exit codes, one per kind of outcome; documented in the user guide's troubleshooting table. */
public enum ExitCode {
    /** Everything asked for was done. */
    OK(0),
    /** The command ran but found differences or could not finish everything (verify, partial work). */
    INCOMPLETE(1),
    /** A wrong flag, a missing argument, or a command that is not built yet. */
    USAGE(2),
    /** A store is unreachable, refuses the credentials, or is not a ClearML store. */
    STORE(3),
    /** An archive is corrupt, foreign, or from an unknown format version. */
    ARCHIVE(4),
    /** The selection names nothing, or names something ambiguously. */
    SELECTION(5),
    /** The target holds data that conflicts with the archive under the chosen policy. */
    CONFLICT(6),
    /** A bug: anything not foreseen. */
    INTERNAL(70);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
