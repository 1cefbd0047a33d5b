package clearml.migrate.cli;

import clearml.migrate.progress.Progress;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How a long-running command shows its progress: a {@link ProgressRenderer} on stderr, unless asked not to. */
final class ProgressOptions {

    @Option(names = "--no-progress", order = 800, description = "Do not show progress lines on stderr.")
    private boolean hidden;

    @Spec(Spec.Target.MIXEE)
    private @Nullable CommandSpec command;

    private final Environment environment;

    ProgressOptions(Environment environment) {
        this.environment = environment;
    }

    /** The progress sink for this run; silent with {@code --no-progress}. */
    Progress progress() {
        if (hidden || command == null) {
            return Progress.SILENT;
        }
        return new ProgressRenderer(command.commandLine().getErr(), environment.terminal(), System::nanoTime);
    }
}
