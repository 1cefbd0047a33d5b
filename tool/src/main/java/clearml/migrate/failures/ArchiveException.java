package clearml.migrate.failures;

/** An archive that is corrupt, foreign, or written in an unknown format version. */
public final class ArchiveException extends MigrateException {

    public ArchiveException(String message) {
        super(message);
    }

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.ARCHIVE;
    }
}
