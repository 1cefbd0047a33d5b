package clearml.migrate.failures;

/** A wrong flag, a missing argument, or a command that is not built yet. */
public final class UsageException extends MigrateException {

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.USAGE;
    }
}
