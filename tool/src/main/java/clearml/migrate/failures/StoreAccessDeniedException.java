package clearml.migrate.failures;

/** A store refused the credentials it was given. */
public final class StoreAccessDeniedException extends MigrateException {

    public StoreAccessDeniedException(String message) {
        super(message);
    }

    public StoreAccessDeniedException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.STORE;
    }
}
