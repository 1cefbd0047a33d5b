package clearml.migrate.apirelink;

import clearml.migrate.api.ApiClient;
import clearml.migrate.failures.ConflictException;
import clearml.migrate.failures.UsageException;
import clearml.migrate.progress.Progress;
import clearml.migrate.undo.JournalReader;
import clearml.migrate.undo.JournalRecord;
import clearml.migrate.undo.JournalRecord.EventFieldChange;
import clearml.migrate.undo.JournalRecord.FieldChange;
import clearml.migrate.undo.UndoConflict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code undo --api-host} of a relink through the API: reads its journal forward, one entity at a time (the relink
 * journals an entity's changes together), and sets each field and event back through the calls the relink used,
 * where it still holds what the relink wrote. Like the direct undo it first checks everything and refuses, with
 * nothing written, when something changed since, unless {@code --force}. Every step sets values, so an
 * interrupted undo, or a second one, ends in the same state. What the server stamped on its own (dates, an
 * event's {@code @timestamp}) stays.
 */
public final class ApiRelinkUndoer {

    private final ApiClient client;

    public ApiRelinkUndoer(ApiClient client) {
        this.client = client;
    }

    public ApiRelinkUndoReport run(Path journal, boolean dryRun, boolean force, Progress progress) {
        if (!Files.isRegularFile(journal)) {
            throw new UsageException("no journal to undo: " + journal + " is not there");
        }
        Restore check = pass(journal, false, progress);
        if (!check.conflicts.isEmpty() && !force) {
            UndoConflict first = check.conflicts.get(0);
            throw new ConflictException(check.conflicts.size() + " fields or events changed since the relink that "
                    + "wrote " + journal + " (first: " + first.place() + " '" + first.id() + "', " + first.reason()
                    + "); nothing was undone — look at them, then run undo with --force to restore them anyway");
        }
        Restore done = dryRun ? check : pass(journal, true, progress);
        return new ApiRelinkUndoReport(journal.toString(), client.host().toString(), dryRun, done.fieldsRestored,
                done.eventsRestored, done.unchanged, force ? check.conflicts : List.of(), done.kept);
    }

    /** One forward pass over the journal: checking only, or writing. */
    private Restore pass(Path journal, boolean write, Progress progress) {
        Restore restore = new Restore(client, write);
        try (JournalReader reader = JournalReader.open(journal)) {
            if (!ApiRelinker.COMMAND.equals(reader.header().command())) {
                throw new UsageException(journal + " is the journal of a " + reader.header().command() + ", not of a "
                        + ApiRelinker.COMMAND + "; undo --api-host takes those, or an import's <archive>.ids.jsonl");
            }
            progress.start(write ? "Undoing the relink" : "Checking for changes since the relink", -1);
            List<JournalRecord> entity = new ArrayList<>();
            String key = "";
            while (reader.hasNext()) {
                JournalRecord record = reader.next();
                String recordKey = keyOf(record);
                if (recordKey == null) {
                    continue;
                }
                if (!recordKey.equals(key)) {
                    restore.entity(entity);
                    entity.clear();
                    key = recordKey;
                }
                entity.add(record);
                progress.advance(1);
            }
            restore.entity(entity);
            progress.finish();
        }
        return restore;
    }

    /** {@code task/<id>}: the entity a record changes, or null for the header and the commit. */
    private static @Nullable String keyOf(JournalRecord record) {
        if (record instanceof FieldChange field) {
            return field.collection() + "/" + field.id();
        }
        return record instanceof EventFieldChange event ? "events of " + event.index() : null;
    }
}
