package clearml.migrate.failures;

/** A store (MongoDB, Elasticsearch, the file server) cannot be reached. */
public final class StoreUnreachableException extends MigrateException {

    public StoreUnreachableException(String message) {
        super(message);
    }

    public StoreUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.STORE;
    }
}
