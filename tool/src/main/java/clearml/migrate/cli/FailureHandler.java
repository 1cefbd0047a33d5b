package clearml.migrate.cli;

import clearml.migrate.failures.ExitCode;
import clearml.migrate.failures.MigrateException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place that turns a failure into what the user sees and the exit code (style.md §5.5): a
 * {@link MigrateException} or a wrong flag prints one line, anything else is a bug (exit 70). The stack trace is
 * shown only with {@code --debug}.
 */
final class FailureHandler implements IExecutionExceptionHandler, IExitCodeExceptionMapper, IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        err.println(FailureMessage.of(failure));
        if (debugRequested(parsed)) {
            failure.printStackTrace(err);
        }
        err.flush();
        return getExitCode(failure);
    }

    @Override
    public int getExitCode(Throwable failure) {
        return failure instanceof MigrateException known ? known.exitCode().code() : ExitCode.INTERNAL.code();
    }

    @Override
    public int handleParseException(ParameterException wrong, String[] args) {
        CommandLine command = wrong.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("clearml-migrate: " + wrong.getMessage() + " (see '"
                + command.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCode.USAGE.code();
    }

    /** {@code --debug} is inherited by every verb, so it may have been matched at any level of the command. */
    private static boolean debugRequested(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
