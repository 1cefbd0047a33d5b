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
        if (journal != null) {
            err.println("undo journal: " + journal + " (to take this back: clearml-migrate undo " + journal + ")");
            err.flush();
        }
    }
}
