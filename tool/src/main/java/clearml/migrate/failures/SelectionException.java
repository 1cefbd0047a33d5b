package clearml.migrate.failures;

/** A selection that names nothing, or names something ambiguously. */
public final class SelectionException extends MigrateException {

    public SelectionException(String message) {
        super(message);
    }

    public SelectionException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.SELECTION;
    }
}
