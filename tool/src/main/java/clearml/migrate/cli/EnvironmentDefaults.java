package clearml.migrate.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Takes the defaults of the connection flags from environment variables named after them: {@code --mongo-host}
 * from {@code CLEARML_MIGRATE_MONGO_HOST}, so one setting has one name everywhere (style.md §5.3). A flag on the
 * command line wins; the annotation's default applies when the variable is unset.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {

    /** The flags that fall back to a variable. Passwords and API keys are read by {@link ConnectionOptions} itself. */
    static final Set<String> BACKED_FLAGS = Set.of("--mongo-host", "--mongo-user", "--elastic-host", "--elastic-user",
            "--mongo-password-file", "--elastic-password-file", "--elastic-api-key-file", "--mongo-ca-cert",
            "--mongo-insecure", "--elastic-ca-cert", "--elastic-insecure");

    private final Map<String, String> variables;

    EnvironmentDefaults(Map<String, String> variables) {
        this.variables = variables;
    }

    /** {@code --mongo-host} becomes {@code CLEARML_MIGRATE_MONGO_HOST}. */
    static String variableFor(String flag) {
        return "CLEARML_MIGRATE_" + flag.substring(2).replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public @Nullable String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option) || !BACKED_FLAGS.contains(option.longestName())) {
            return null;
        }
        String value = variables.get(variableFor(option.longestName()));
        return value == null || value.isBlank() ? null : value;
    }
}
