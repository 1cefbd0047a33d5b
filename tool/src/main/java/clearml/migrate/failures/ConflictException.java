package clearml.migrate.failures;

/** Target data that conflicts with the archive under the chosen policy. */
public final class ConflictException extends MigrateException {

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.CONFLICT;
    }
}
