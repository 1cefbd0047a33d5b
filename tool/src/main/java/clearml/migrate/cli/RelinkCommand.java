package clearml.migrate.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.jspecify.annotations.Nullable;

/** {@code clearml-migrate relink}: rewrites file-server URLs in place, in entities and in events. */
@Command(name = "relink", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Rewrite every stored URL that starts with one prefix to start with another, in projects, "
                + "tasks, models and events (like ClearML's fix_fileserver_urls.py).")
final class RelinkCommand implements Callable<Integer> {

    // picocli writes the annotated fields after construction, so they cannot be final.
    @Option(names = "--host-source", required = true, paramLabel = "PREFIX", order = 1,
            description = "The URL prefix stored now, e.g. http://old-files:8081.")
    String hostSource = "";

    @Option(names = "--host-target", required = true, paramLabel = "PREFIX", order = 2,
            description = "The URL prefix to store instead.")
    String hostTarget = "";

    @Option(names = "--dry-run", order = 3, description = "Count what would change, writing nothing.")
    boolean dryRun;

    @Option(names = "--company", arity = "1..*", paramLabel = "ID", order = 4,
            description = "Only these companies' data (default: all).")
    List<String> companies = new ArrayList<>();

    @Option(names = "--json", order = 30, description = "Print the summary as JSON on stdout.")
    boolean json;

    @Mixin
    @Nullable ConnectionOptions connection;

    @Mixin
    @Nullable ProgressOptions progress;

    @Override
    public Integer call() {
        // When Relinker lands: build RelinkSettings from these fields, run it, render its RelinkReport.
        throw NotBuilt.command("relink");
    }
}
