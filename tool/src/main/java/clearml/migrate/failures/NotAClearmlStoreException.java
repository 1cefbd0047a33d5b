package clearml.migrate.failures;

/** A reachable store that does not hold ClearML data. */
public final class NotAClearmlStoreException extends MigrateException {

    public NotAClearmlStoreException(String message) {
        super(message);
    }

    public NotAClearmlStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.STORE;
    }
}
