package clearml.migrate.cli;

import java.util.Map;
import java.util.TreeSet;

/**
 * What the command line reads from the process around it: environment variables, a way to prompt for a password,
 * and whether stderr is a terminal. Passed in so tests run the real command line without touching the process.
 *
 * @param variables the environment variables, e.g. {@code CLEARML_MIGRATE_MONGO_PASSWORD}
 * @param prompt asks the user for a password, or answers null when there is no console
 * @param terminal true when stderr is a terminal, so progress may redraw its line in place
 */
public record Environment(Map<String, String> variables, PasswordPrompt prompt, boolean terminal) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    /** Names the variables without their values, which may be passwords. */
    @Override
    public String toString() {
        return "Environment[variables=" + new TreeSet<>(variables.keySet()) + ", terminal=" + terminal + "]";
    }

    /** The running process: its environment variables and its console, if it has one. */
    public static Environment system() {
        return new Environment(System.getenv(), PasswordPrompt.console(), System.console() != null);
    }

    /** No variables, no console: what a test or a pipeline sees. */
    public static Environment of(Map<String, String> variables) {
        return new Environment(variables, PasswordPrompt.NONE, false);
    }
}
