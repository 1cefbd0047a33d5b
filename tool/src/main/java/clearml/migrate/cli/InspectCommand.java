package clearml.migrate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clearml-migrate inspect}: describes an archive without touching any server. */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Describe an archive: its format, projects, experiments, models, users and event counts.")
final class InspectCommand implements Callable<Integer> {

    // picocli writes the annotated fields after construction, so they cannot be final.
    @Parameters(index = "0", paramLabel = "FILE.zip", description = "The archive to describe.")
    @Nullable Path archive;

    @Option(names = "--json", order = 30, description = "Print the description as JSON on stdout.")
    boolean json;

    @Override
    public Integer call() {
        // When the archive reader lands: read the archive, render its description.
        throw NotBuilt.command("inspect");
    }
}
