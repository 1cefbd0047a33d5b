package clearml.migrate.cli;

import clearml.migrate.failures.ExitCode;
import clearml.migrate.proof.InspectReport;
import clearml.migrate.proof.Inspector;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code clearml-migrate inspect}: describes an archive without touching any server. Exits 0 when it found no
 * problem, 1 when it lists problems, 4 when the file is not a readable archive.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Describe an archive: its format, projects, experiments, models, users and event counts.")
final class InspectCommand implements Callable<Integer> {

    // picocli writes the annotated fields after construction, so they cannot be final.
    @Parameters(index = "0", paramLabel = "FILE.zip", description = "The archive to describe.")
    @Nullable Path archive;

    @Option(names = "--json", order = 30, description = "Print the description as JSON on stdout.")
    boolean json;

    @Spec
    @Nullable CommandSpec spec;

    @Override
    public Integer call() {
        if (archive == null || spec == null) {
            throw new IllegalStateException("picocli did not inject the archive or the command spec");
        }
        InspectReport report = new Inspector(Inspector.DEFAULT_LARGEST_TASKS).run(archive);
        new InspectRendering(report).print(spec.commandLine().getOut(), json);
        return report.problems().isEmpty() ? ExitCode.OK.code() : ExitCode.INCOMPLETE.code();
    }
}
