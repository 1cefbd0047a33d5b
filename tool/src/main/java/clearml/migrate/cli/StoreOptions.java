package clearml.migrate.cli;

import clearml.migrate.progress.Progress;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every command that works on a server's stores takes, declared once: the connection flags, {@code --json}
 * and {@code --no-progress}.
 */
final class StoreOptions {

    // picocli writes the annotated fields after construction, so they cannot be final.
    @Mixin
    @Nullable ConnectionOptions connection;

    @Mixin
    @Nullable ProgressOptions progress;

    @Option(names = "--json", order = 30, description = "Print the report as JSON on stdout.")
    boolean json;

    @Spec(Spec.Target.MIXEE)
    @Nullable CommandSpec command;

    ConnectionOptions connection() {
        return Injected.required(connection, "connection options");
    }

    /** The progress sink: silent with {@code --no-progress}. */
    Progress progress() {
        return Injected.required(progress, "progress options").progress();
    }

    PrintWriter out() {
        return Injected.required(command, "command spec").commandLine().getOut();
    }

    PrintWriter err() {
        return Injected.required(command, "command spec").commandLine().getErr();
    }
}
