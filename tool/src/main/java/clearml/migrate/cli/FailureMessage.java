package clearml.migrate.cli;

import clearml.migrate.failures.MigrateException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one line printed for a failure: {@code clearml-migrate: <what, where, what to do>}, followed on the same line
 * by the messages of its causes, each cut to its first line so a driver's long cluster dump stays readable.
 */
final class FailureMessage {

    private static final int CAUSE_LIMIT = 160;

    private FailureMessage() {
    }

    static String of(Throwable failure) {
        if (!(failure instanceof MigrateException)) {
            return "clearml-migrate: internal error (" + failure + "); please report it, and rerun with --debug "
                    + "for the stack trace";
        }
        List<String> causes = causes(failure);
        String line = "clearml-migrate: " + failure.getMessage();
        return causes.isEmpty() ? line : line + " (caused by: " + String.join("; ", causes) + ")";
    }

    private static List<String> causes(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            String message = cause.getMessage();
            messages.add(shorten(message == null || message.isBlank() ? cause.getClass().getSimpleName() : message));
        }
        return messages;
    }

    private static String shorten(String message) {
        String first = message.lines().findFirst().orElse("").strip();
        return first.length() <= CAUSE_LIMIT ? first : first.substring(0, CAUSE_LIMIT) + "…";
    }
}
