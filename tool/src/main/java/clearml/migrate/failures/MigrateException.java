package clearml.migrate.failures;

/**
 * A failure the user can act on. The command line prints its message as one line (what, where, what to do) and
 * exits with {@link #exitCode()}; the stack trace is shown only with {@code --debug}.
 */
public abstract class MigrateException extends RuntimeException {

    protected MigrateException(String message, Throwable cause) {
        super(message, cause);
    }

    protected MigrateException(String message) {
        super(message);
    }

    public abstract ExitCode exitCode();
}
