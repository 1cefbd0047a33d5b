package clearml.migrate.failures;

/** A delta archive whose base (or an earlier delta of its chain) was never imported into the target. */
public final class BaseNotImportedException extends MigrateException {

    public BaseNotImportedException(String message) {
        super(message);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.CONFLICT;
    }
}
