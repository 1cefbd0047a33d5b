package clearml.migrate.cli;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Adds the options of an annotated object (such as {@link ConnectionOptions}) to a command under other names, bound to
 * that object's fields: {@code copy} takes the source's connection flags as {@code --from-mongo-host} and the
 * target's as {@code --to-mongo-host} from the one declaration, which picocli mixins cannot rename. Defaults and
 * descriptions stay; the environment does not back a renamed flag ({@link EnvironmentDefaults} knows the plain
 * names), so two servers are never taken from one variable.
 */
final class PrefixedOptions {

    private PrefixedOptions() {
    }

    /** Every option of {@code annotated}, named {@code prefix + name without its dashes}: --mongo-host, --from-mongo-host. */
    static void add(CommandSpec command, Object annotated, String prefix, IFactory factory) {
        add(command, annotated, name -> prefix + name.substring(2), factory);
    }

    /** Every option of {@code annotated}, renamed by {@code rename}. */
    static void add(CommandSpec command, Object annotated, UnaryOperator<String> rename, IFactory factory) {
        CommandSpec declared = CommandSpec.forAnnotatedObject(annotated, factory);
        for (OptionSpec option : declared.options()) {
            command.addOption(OptionSpec.builder(option)
                    .names(Arrays.stream(option.names()).map(rename).toArray(String[]::new)).build());
        }
    }
}
