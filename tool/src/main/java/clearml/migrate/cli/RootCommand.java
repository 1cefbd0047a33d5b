package clearml.migrate.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code clearml-migrate} command itself: its verbs, {@code --version}, {@code --help} and {@code --debug}. */
@Command(name = "clearml-migrate", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class, sortOptions = false, usageHelpAutoWidth = true,
        description = "Moves ClearML projects, experiments, models and their events between ClearML servers, "
                + "through archives that ClearML's own data tool reads and writes.",
        subcommands = {ExportCommand.class, ImportCommand.class, CopyCommand.class, SyncCommand.class, RelinkCommand.class, InspectCommand.class,
                VerifyCommand.class, UndoCommand.class, PingCommand.class},
        footer = {"", "Run 'clearml-migrate COMMAND --help' for the flags of a command."})
final class RootCommand implements Runnable {

    // Inherited by every verb; the failure handler reads it from the parse result.
    @Option(names = "--debug", scope = ScopeType.INHERIT, order = 900,
            description = "Show the stack trace of a failure.")
    private boolean debug;

    @Spec
    private CommandSpec spec = CommandSpec.create(); // replaced by picocli with this command's spec

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing a command (see 'clearml-migrate --help')");
    }
}
