package clearml.migrate.cli;

import clearml.migrate.failures.UsageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Finds one store's password: a plain flag (which warns, as others can read a command line), else a file, else an
 * environment variable, else a console prompt when a user is given. No password is ever part of a message.
 */
final class PasswordSources {

    private final String store;
    private final String flag;
    private final Environment environment;
    private final @Nullable PrintWriter warnings;

    PasswordSources(String store, String flag, Environment environment, @Nullable PrintWriter warnings) {
        this.store = store;
        this.flag = flag;
        this.environment = environment;
        this.warnings = warnings;
    }

    @Nullable
    String resolve(@Nullable String user, @Nullable String plain, @Nullable Path file, String variable) {
        if (plain != null) {
            warn();
            return plain;
        }
        if (file != null) {
            return firstLine(file);
        }
        String fromVariable = environment.variables().get(variable);
        if (fromVariable != null) {
            return fromVariable;
        }
        return user == null ? null : environment.prompt().ask(store + " password for " + user + ": ");
    }

    private void warn() {
        if (warnings != null) {
            warnings.println("clearml-migrate: warning: " + flag + " on the command line is visible to other users;"
                    + " use " + flag + "-file or the environment variable instead");
            warnings.flush();
        }
    }

    private String firstLine(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            throw new UsageException("cannot read " + flag + "-file " + file + " (" + e.getClass().getSimpleName()
                    + "); check the path and its permissions", e);
        }
    }
}
