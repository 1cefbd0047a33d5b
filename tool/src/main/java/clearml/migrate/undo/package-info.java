/**
 * Undo journals: what an {@code import} or a {@code relink} writes, before each change, so that
 * {@code clearml-migrate undo} can put the target back as it was ({@link clearml.migrate.undo.UndoJournal},
 * {@link clearml.migrate.undo.JournalReader}, {@link clearml.migrate.undo.Undoer}). Importing and relinking depend
 * on this package, never the other way round.
 */
@NullMarked
package clearml.migrate.undo;

import org.jspecify.annotations.NullMarked;
