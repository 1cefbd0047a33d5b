package clearml.migrate.copying;

import clearml.migrate.archive.ArchiveJson;
import clearml.migrate.archive.ArchiveLineage;
import clearml.migrate.mongo.ClearmlMongo;
import clearml.migrate.mongo.Collections;
import clearml.migrate.undo.UndoJournal;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * Where a {@code sync} keeps the source's state its last pass read: on the target, one document per source,
 * selection and target company ({@link Collections#SYNC_STATES}), holding the pass's {@code metadata.json} object
 * (the state and the pass's archive id, whose marker the import recorded), so it survives the machine that ran it.
 * Written through the pass's journal after everything else, so an interrupted pass leaves the previous state and
 * {@code undo} of a pass puts the previous state back.
 */
final class SyncState {

    private final ClearmlMongo mongo;
    private final MongoCollection<Document> states;
    private final String key;

    SyncState(ClearmlMongo mongo, SyncKey key) {
        this.mongo = mongo;
        this.states = mongo.backend().getCollection(Collections.SYNC_STATES);
        this.key = key.id();
    }

    /** The last pass's lineage; empty before the first pass. */
    Optional<ArchiveLineage> last() {
        Document stored = mongo.retrying(() -> states.find(Filters.eq("_id", key)).first());
        if (stored == null) {
            return Optional.empty();
        }
        try {
            ObjectNode metadata = (ObjectNode) ArchiveJson.mapper().readTree(stored.getString("metadata"));
            return ArchiveLineage.of(metadata);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("reading the sync state " + key, e);
        }
    }

    /** Records a pass's metadata, journalled first (the earlier state as prior, or this one as created). */
    void record(ObjectNode metadata, UndoJournal journal, Clock clock) {
        Document written = new Document("_id", key).append("metadata", metadata.toString()).append("synced", Date.from(clock.instant()));
        Document prior = mongo.retrying(() -> states.find(Filters.eq("_id", key)).first());
        if (prior == null) {
            journal.created(Collections.BACKEND_DB, Collections.SYNC_STATES, written);
        } else {
            journal.prior(Collections.BACKEND_DB, Collections.SYNC_STATES, prior, written);
        }
        journal.flush();
        mongo.retrying(() -> states.replaceOne(Filters.eq("_id", key), written, new ReplaceOptions().upsert(true)));
    }
}
