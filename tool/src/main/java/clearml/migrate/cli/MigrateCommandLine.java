package clearml.migrate.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Builds the whole {@code clearml-migrate} command line, writing to the given streams and reading the given
 * environment, so tests run exactly what users run and capture its output.
 */
public final class MigrateCommandLine {

    private MigrateCommandLine() {
    }

    public static CommandLine create(PrintWriter out, PrintWriter err, Environment environment) {
        FailureHandler failures = new FailureHandler();
        CommandLine line = new CommandLine(new RootCommand(), new Factory(environment));
        for (String name : new String[] {"copy", "sync"}) {
            CommandLine command = line.getSubcommands().get(name);
            command.<CopyCommand>getCommand().declarePrefixed(command);
        }
        return line
                .setOut(out)
                .setErr(err)
                .setDefaultValueProvider(new EnvironmentDefaults(environment.variables()))
                .setExecutionExceptionHandler(failures)
                .setParameterExceptionHandler(failures)
                .setExitCodeExceptionMapper(failures);
    }

    /** Gives the classes that need the environment their instance; picocli builds the rest. */
    private record Factory(Environment environment) implements IFactory {

        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == ConnectionOptions.class) {
                return type.cast(new ConnectionOptions(environment));
            }
            if (type == ApiOptions.class) {
                return type.cast(new ApiOptions(environment));
            }
            if (type == ExportCommand.class) {
                return type.cast(new ExportCommand(environment));
            }
            if (type == SyncCommand.class) {
                return type.cast(new SyncCommand(environment));
            }
            if (type == CopyCommand.class) {
                return type.cast(new CopyCommand(environment));
            }
            if (type == ImportCommand.class) {
                return type.cast(new ImportCommand(environment));
            }
            if (type == UndoCommand.class) {
                return type.cast(new UndoCommand(environment));
            }
            if (type == VerifyCommand.class) {
                return type.cast(new VerifyCommand(environment));
            }
            if (type == ProgressOptions.class) {
                return type.cast(new ProgressOptions(environment));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
