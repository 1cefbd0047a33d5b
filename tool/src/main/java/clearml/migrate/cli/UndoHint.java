package clearml.migrate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** The line that names the undo journal a command wrote and the command that takes the change back (issue #8). */
final class UndoHint {

    private UndoHint() {
    }

    /** On stderr, so that {@code --json} on stdout stays one document; nothing when no journal was written. */
    static void print(PrintWriter err, @Nullable Path journal) {
        print(err, journal, "");
    }

    /** With the flags the undo needs as well, e.g. {@code --api-host URL} for a change made through the API. */
    static void print(PrintWriter err, @Nullable Path journal, String flags) {
        if (journal != null) {
            err.println("undo journal: " + journal + " (to take this back: clearml-migrate undo " + flags + journal
                    + ")");
            err.flush();
        }
    }
}
