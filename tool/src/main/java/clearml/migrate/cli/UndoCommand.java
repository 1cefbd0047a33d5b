package clearml.migrate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clearml-migrate undo}: reverses an import from the journal it wrote. */
@Command(name = "undo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Reverse an import, using the journal the import wrote.")
final class UndoCommand implements Callable<Integer> {

    // picocli writes the annotated fields after construction, so they cannot be final.
    @Parameters(index = "0", paramLabel = "JOURNAL", description = "The journal file of the import to reverse.")
    @Nullable Path journal;

    @Option(names = "--dry-run", order = 1, description = "Report what would be removed or restored, writing "
            + "nothing.")
    boolean dryRun;

    @Option(names = "--force", order = 2, description = "Undo even entities changed on the server since the "
            + "import.")
    boolean force;

    @Option(names = "--json", order = 30, description = "Print the summary as JSON on stdout.")
    boolean json;

    @Mixin
    @Nullable ConnectionOptions connection;

    @Mixin
    @Nullable ProgressOptions progress;

    @Override
    public Integer call() {
        // When the undo use case lands: build its settings from these fields, run it, render its report.
        throw NotBuilt.command("undo");
    }
}
