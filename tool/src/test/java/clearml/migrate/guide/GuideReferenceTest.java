package clearml.migrate.guide;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.cli.Environment;
import clearml.migrate.cli.MigrateCommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The reference table of docs/reference.md and the command line's picocli model agree: every option and argument
 * of every command has a row, every row names one that exists, and each row's default is the model's.
 */
class GuideReferenceTest {

    /** A default written in a flag's description, e.g. "(default: mongodb://localhost:27017; env …)". */
    private static final Pattern DESCRIBED_DEFAULT = Pattern.compile("\\(default: (\\S+?)[;)]");

    private final ReferenceTable table = ReferenceTable.read(GuideBlocks.docsDirectory().resolve("reference.md"));
    private final CommandLine commandLine = MigrateCommandLine.create(new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()), Environment.of(Map.of()));

    @Test
    void everyFlagOfEveryCommandHasARowAndEveryRowAFlag() {
        List<String> inTable = table.rows().stream().map(row -> row.command() + " " + row.flag()).toList();
        List<String> inModel = commands().flatMap(spec -> args(spec).stream()
                .map(arg -> name(spec) + " " + flag(arg))).toList();

        assertThat(inTable).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(inModel);
    }

    @Test
    void everyRowShowsTheDefaultTheCommandLineApplies() {
        commands().forEach(spec -> args(spec).forEach(arg -> {
            ReferenceTable.Row row = row(name(spec), flag(arg));
            String where = row.command() + " " + row.flag();
            defaultOf(arg).ifPresent(value -> assertThat(row.defaultCell()).as(where).contains(value));
            if (arg.required()) {
                assertThat(row.defaultCell()).as(where).isEqualTo("required");
            }
        }));
    }

    private Stream<CommandSpec> commands() {
        List<CommandSpec> specs = new ArrayList<>(List.of(commandLine.getCommandSpec()));
        commandLine.getSubcommands().values().forEach(sub -> specs.add(sub.getCommandSpec()));
        return specs.stream();
    }

    private static List<ArgSpec> args(CommandSpec spec) {
        List<ArgSpec> args = new ArrayList<>(spec.options());
        args.addAll(spec.positionalParameters());
        return args;
    }

    private static String name(CommandSpec spec) {
        return spec.name();
    }

    private static String flag(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
    }

    private static Optional<String> defaultOf(ArgSpec arg) {
        if (arg.defaultValue() != null) {
            return Optional.of(arg.defaultValue());
        }
        Matcher described = DESCRIBED_DEFAULT.matcher(String.join(" ", arg.description()));
        return described.find() ? Optional.of(described.group(1)) : Optional.empty();
    }

    private ReferenceTable.Row row(String command, String flag) {
        return table.rows().stream().filter(r -> r.command().equals(command) && r.flag().equals(flag)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + command + " " + flag));
    }
}
