package clearml.migrate.copying;

import clearml.migrate.importing.ImportSteps;
import clearml.migrate.undo.UndoJournal;
import java.util.List;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/** What a copy or a sync pass does around the import's writes: events moved apart, then its own record. */
final class CopySteps implements ImportSteps {

    private final @Nullable EventsApart apart;
    private final BiConsumer<String, UndoJournal> afterWrites;

    CopySteps(@Nullable EventsApart apart, BiConsumer<String, UndoJournal> afterWrites) {
        this.apart = apart;
        this.afterWrites = afterWrites;
    }

    @Override
    public boolean movesEvents() {
        return apart != null;
    }

    @Override
    public void beforeDocuments(List<String> ids, String company, UndoJournal journal) {
        if (apart != null) {
            apart.move(ids, company, journal);
        }
    }

    @Override
    public void afterWrites(String company, UndoJournal journal) {
        afterWrites.accept(company, journal);
    }
}
