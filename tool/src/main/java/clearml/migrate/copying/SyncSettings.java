package clearml.migrate.copying;

import java.nio.file.Path;
import java.util.function.IntFunction;

/**
 * A sync: a copy's settings ({@code copy.target().applyDeletes()} says whether deletions at the source are applied),
 * the source's name (with the selection and the target company, the key of the state kept on the target), the
 * journal of each pass, and {@code untilQuiet}: passes repeat until one moves fewer changes (0: one pass).
 */
public record SyncSettings(CopySettings copy, String sourceName, long untilQuiet, IntFunction<Path> journals) {

    /** Passes at most, however busy the source: a bound on a loop that a source changing faster would not end. */
    static final int MAX_PASSES = 20;
}
