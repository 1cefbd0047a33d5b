package clearml.migrate.importing;

import clearml.migrate.undo.UndoJournal;
import java.util.List;

/**
 * What a live import ({@code copy}, {@code sync}) does around the import's own writes, inside its journal: move the
 * events engine to engine once the plan is made and before any document is written (the import then leaves events
 * alone and keeps the documents' statistics), and record its state once everything is written.
 */
public interface ImportSteps {

    /** An import that moves its events itself and records nothing more. */
    ImportSteps NONE = new ImportSteps() { };

    /** Whether {@link #beforeDocuments} moves the events, so the import must leave them alone. */
    default boolean movesEvents() {
        return false;
    }

    /** Moves the events of these tasks and models (ids kept) into {@code company}'s indices, journalled. */
    default void beforeDocuments(List<String> ids, String company, UndoJournal journal) {
    }

    /** Called once everything is written and before the journal is committed; writes go through the journal. */
    default void afterWrites(String company, UndoJournal journal) {
    }
}
