package clearml.migrate.cli;

import java.io.Console;
import org.jspecify.annotations.Nullable;

/** Asks the user for a password without echoing it. */
@FunctionalInterface
public interface PasswordPrompt {

    /** A prompt for a process without a console: it never asks. */
    PasswordPrompt NONE = question -> null;

    /** Returns the password typed, or null when no one can be asked. */
    @Nullable
    String ask(String question);

    /** Asks on the process's console, when it has one. */
    static PasswordPrompt console() {
        return question -> {
            Console console = System.console();
            char[] typed = console == null ? null : console.readPassword("%s", question);
            return typed == null ? null : new String(typed);
        };
    }
}
