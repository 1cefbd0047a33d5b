package clearml.migrate.importing;

import clearml.migrate.undo.UndoJournal;
import java.util.List;

/**
 * Events an import leaves to another way of moving them: {@code copy} between two servers' stores moves them engine
 * to engine ({@code moving.EventMover}) while the import writes the documents. Called once the plan is made and
 * before any document is written, inside the import's journal, which it must fill for what it replaces.
 */
@FunctionalInterface
public interface EventsElsewhere {

    /** The import moves its events itself. */
    EventsElsewhere NONE = (ids, company, journal) -> { };

    /** Moves the events of these tasks and models (ids kept) into {@code company}'s indices, journalled. */
    void move(List<String> ids, String company, UndoJournal journal);
}
