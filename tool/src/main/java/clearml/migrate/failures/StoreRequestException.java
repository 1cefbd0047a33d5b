package clearml.migrate.failures;

/** A reachable store that answered a request with an error the tool cannot work around. */
public final class StoreRequestException extends MigrateException {

    public StoreRequestException(String message) {
        super(message);
    }

    public StoreRequestException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.STORE;
    }
}
