package clearml.migrate.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clearml-migrate import}: writes an archive's projects, experiments, models and events into a server. */
@Command(name = "import", sortOptions = false,
        description = "Import an archive written by clearml-migrate or by ClearML's data tool into a server.")
final class ImportCommand implements Callable<Integer> {

    /** What to do with an entity whose id the target already holds. */
    enum OnConflict { OVERWRITE, SKIP, FAIL }

    /** What to do with a project whose name the target already uses under another id. */
    enum OnProjectName { MERGE, RENAME_EXISTING, FAIL }

    // picocli writes the annotated fields after construction, so they cannot be final.
    @Parameters(index = "0", paramLabel = "FILE.zip", description = "The archive to import.")
    @Nullable Path archive;

    @Option(names = "--company", paramLabel = "ID", order = 1, description = "The company that will own the data. "
            + "Without it the data becomes public, read-only \"Examples\" (company \"\").")
    @Nullable String company;

    @Option(names = "--user", paramLabel = "ID", order = 2, description = "The user that will own the data.")
    @Nullable String user;

    @Option(names = "--dry-run", order = 3, description = "Check the archive against the target and report what "
            + "would change, writing nothing.")
    boolean dryRun;

    @Option(names = "--on-conflict", paramLabel = "overwrite|skip|fail", defaultValue = "overwrite", order = 4,
            description = "When the target already holds an entity with the same id (default: ${DEFAULT-VALUE}, "
                    + "as ClearML's tool).")
    String onConflict = "overwrite";

    @Option(names = "--on-project-name", paramLabel = "merge|rename-existing|fail", defaultValue = "merge",
            order = 5, description = "When a project of the same name exists under another id (default: "
                    + "${DEFAULT-VALUE}).")
    String onProjectName = "merge";

    @Option(names = "--new-ids", order = 6, description = "Give every imported entity a new id, so the same "
            + "archive can be imported twice.")
    boolean newIds;

    @Option(names = "--users", order = 7, description = "Also import the archive's users (users.json).")
    boolean users;

    @Option(names = "--artifacts-to", paramLabel = "DIR|URL", order = 8, description = "The target's file server: "
            + "its data directory or its URL, to receive FILE.artifacts.")
    @Nullable String artifactsTo;

    @Option(names = "--url-map", arity = "1..*", paramLabel = "OLD=NEW", order = 9,
            description = "Rewrite URLs starting with OLD to start with NEW while importing.")
    Map<String, String> urlMap = new LinkedHashMap<>();

    @Option(names = "--json", order = 30, description = "Print the summary as JSON on stdout.")
    boolean json;

    @Mixin
    @Nullable ConnectionOptions connection;

    @Mixin
    @Nullable ProgressOptions progress;

    @Override
    public Integer call() {
        KebabChoice.parse(OnConflict.class, "--on-conflict", onConflict);
        KebabChoice.parse(OnProjectName.class, "--on-project-name", onProjectName);
        // When Importer lands: build ImportSettings from these fields, run it, render its ImportReport.
        throw NotBuilt.command("import");
    }
}
