package clearml.migrate.undo;

import java.nio.file.Path;

/**
 * What {@code undo} is asked to do.
 *
 * @param journal the journal an import or relink wrote
 * @param dryRun report what would be removed or restored, writing nothing
 * @param force restore documents changed since the command too, reporting each
 */
public record UndoSettings(Path journal, boolean dryRun, boolean force) {
}
