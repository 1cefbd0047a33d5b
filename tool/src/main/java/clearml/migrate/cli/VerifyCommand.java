package clearml.migrate.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clearml-migrate verify}: compares a server with an archive after an import. */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Compare the target server with an archive; exit 1 on any difference.")
final class VerifyCommand implements Callable<Integer> {

    // picocli writes the annotated fields after construction, so they cannot be final.
    @Parameters(index = "0", paramLabel = "FILE.zip", description = "The archive to compare with.")
    @Nullable Path archive;

    @Option(names = "--company", paramLabel = "ID", order = 1, description = "The company the archive was "
            + "imported into.")
    @Nullable String company;

    @Option(names = "--json", order = 30, description = "Print the comparison as JSON on stdout.")
    boolean json;

    @Mixin
    @Nullable ConnectionOptions connection;

    @Mixin
    @Nullable ProgressOptions progress;

    @Override
    public Integer call() {
        // When Verifier lands: build VerifySettings from these fields, run it, render its VerifyReport.
        throw NotBuilt.command("verify");
    }
}
